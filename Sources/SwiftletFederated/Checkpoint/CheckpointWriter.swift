/// Appends little-endian fields to a byte buffer: the encoding side of the checkpoint format.
struct CheckpointWriter {
    private(set) var bytes: [UInt8] = []

    mutating func append(_ raw: [UInt8]) { bytes += raw }

    mutating func append<T: FixedWidthInteger>(_ value: T) {
        withUnsafeBytes(of: value.littleEndian) { bytes += $0 }
    }

    mutating func append(_ string: String) {
        let utf8 = Array(string.utf8)
        append(UInt32(utf8.count))
        bytes += utf8
    }

    /// Specs, then the values as float32 bit patterns.
    mutating func append(_ record: ArrayRecord) {
        append(UInt32(record.specs.count))
        for spec in record.specs {
            append(spec.name)
            append(UInt32(spec.shape.count))
            for dimension in spec.shape { append(Int64(dimension)) }
        }
        append(UInt64(record.count))
        bytes.reserveCapacity(bytes.count + record.byteCount)
        for value in record.values { append(value.bitPattern) }
    }
}
