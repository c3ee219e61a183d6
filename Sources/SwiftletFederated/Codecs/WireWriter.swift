/// Appends the header fields of the compressed wire format: bytes, LEB128 varints and little-endian words.
struct WireWriter {
    /// The bytes written so far.
    var bytes: [UInt8] = []

    mutating func byte(_ value: UInt8) { bytes.append(value) }

    /// An unsigned LEB128 varint: seven bits per byte, least significant group first, high bit = more.
    mutating func varint(_ value: Int) {
        var v = UInt64(value)
        while v >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(v))
    }

    mutating func uint32(_ value: UInt32) {
        for shift in stride(from: 0, to: 32, by: 8) { bytes.append(UInt8(truncatingIfNeeded: value >> UInt32(shift))) }
    }

    mutating func uint64(_ value: UInt64) {
        for shift in stride(from: 0, to: 64, by: 8) { bytes.append(UInt8(truncatingIfNeeded: value >> UInt64(shift))) }
    }

    mutating func float(_ value: Float) { uint32(value.bitPattern) }

    /// Appends `count` bytes that `body` fills completely.
    mutating func append(count: Int, _ body: (UnsafeMutableRawBufferPointer) -> Void) {
        let start = bytes.count
        bytes.append(contentsOf: repeatElement(0, count: count))
        bytes.withUnsafeMutableBytes { raw in body(UnsafeMutableRawBufferPointer(rebasing: raw[start..<(start + count)])) }
    }
}

/// The number of bytes the LEB128 varint of `value` takes.
func varintSize(_ value: Int) -> Int {
    var v = UInt64(value), size = 1
    while v >= 0x80 { v >>= 7; size += 1 }
    return size
}
