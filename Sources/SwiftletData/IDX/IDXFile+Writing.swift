import Foundation

extension IDXFile {
    /// Creates a file of `dataType` elements from `values`, checking each is exactly representable.
    ///
    /// Integer types need integral values in range; `float32` takes any value; `float64` widens exactly.
    public init(dimensions: [Int], dataType: IDXDataType, values: [Float]) throws(IDXError) {
        let size = try Self.payloadSize(dimensions: dimensions, dataType: dataType, limit: Int.max)
        guard values.count * dataType.byteWidth == size else {
            throw IDXError(.valueCountMismatch(expected: size / dataType.byteWidth, actual: values.count))
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(size)
        for (index, value) in values.enumerated() {
            let bits: UInt64
            switch dataType {
            case .uint8:
                guard let exact = UInt8(exactly: value) else { throw Self.unrepresentable(index, value, dataType) }
                bits = UInt64(exact)
            case .int8:
                guard let exact = Int8(exactly: value) else { throw Self.unrepresentable(index, value, dataType) }
                bits = UInt64(UInt8(bitPattern: exact))
            case .int16:
                guard let exact = Int16(exactly: value) else { throw Self.unrepresentable(index, value, dataType) }
                bits = UInt64(UInt16(bitPattern: exact))
            case .int32:
                guard let exact = Int32(exactly: value) else { throw Self.unrepresentable(index, value, dataType) }
                bits = UInt64(UInt32(bitPattern: exact))
            case .float32:
                bits = UInt64(value.bitPattern)
            case .float64:
                bits = Double(value).bitPattern
            }
            for shift in stride(from: 8 * (dataType.byteWidth - 1), through: 0, by: -8) {
                bytes.append(UInt8(truncatingIfNeeded: bits >> UInt64(shift)))
            }
        }
        try self.init(dimensions: dimensions, dataType: dataType, rawBytes: bytes)
    }

    private static func unrepresentable(_ index: Int, _ value: Float, _ type: IDXDataType) -> IDXError {
        IDXError(.valueNotRepresentable(index: index, value: value, type: type))
    }

    /// The file's bytes in IDX format (uncompressed).
    public func encoded() -> [UInt8] {
        var bytes: [UInt8] = [0, 0, dataType.rawValue, UInt8(dimensions.count)]
        bytes.reserveCapacity(4 + 4 * dimensions.count + rawBytes.count)
        for dimension in dimensions {
            for shift in stride(from: 24, through: 0, by: -8) { bytes.append(UInt8(truncatingIfNeeded: dimension >> shift)) }
        }
        bytes += rawBytes
        return bytes
    }

    /// Writes the file to `path`, optionally gzipped (as stored blocks: valid for any reader, not smaller).
    public func write(toFile path: String, gzipped: Bool = false) throws(IDXError) {
        let bytes = gzipped ? Gzip.storedMember(encoded()) : encoded()
        do {
            try Data(bytes).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw IDXError(.unreadable(error.localizedDescription), file: path)
        }
    }
}
