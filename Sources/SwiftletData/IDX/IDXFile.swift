import Foundation

/// An IDX file: a typed, dense, n-dimensional array, as MNIST is distributed (see ``IDXDataType``).
///
/// Layout: two zero bytes, a type code, the rank `n`, `n` big-endian 32-bit dimension sizes, then the
/// elements in row-major order, big-endian. Files may be gzipped; the readers detect the `1f 8b` magic.
/// The element bytes are kept as read (``rawBytes``) and converted on demand (``floatValues()``).
public struct IDXFile: Sendable, Equatable {
    /// The largest payload the readers accept (4 GiB): bigger headers are refused before anything is allocated.
    public static let maximumPayloadBytes = 1 << 32

    /// The size of each dimension, outermost first.
    public let dimensions: [Int]
    /// The element type.
    public let dataType: IDXDataType
    /// The elements exactly as stored: row-major, big-endian, `count × dataType.byteWidth` bytes.
    public let rawBytes: [UInt8]

    /// The number of elements (the product of ``dimensions``).
    public var count: Int { rawBytes.count / dataType.byteWidth }

    /// Creates a file from dimensions and already-encoded big-endian element bytes.
    ///
    /// - Throws: ``IDXError`` if a dimension is out of range or `rawBytes` has the wrong size.
    public init(dimensions: [Int], dataType: IDXDataType, rawBytes: [UInt8]) throws(IDXError) {
        let expected = try Self.payloadSize(dimensions: dimensions, dataType: dataType, limit: Int.max)
        guard rawBytes.count == expected else {
            throw IDXError(.valueCountMismatch(expected: expected / dataType.byteWidth, actual: rawBytes.count / dataType.byteWidth))
        }
        self.dimensions = dimensions
        self.dataType = dataType
        self.rawBytes = rawBytes
    }

    /// The payload size in bytes of an array with these dimensions, validated against the format and `limit`.
    static func payloadSize(dimensions: [Int], dataType: IDXDataType, limit: Int) throws(IDXError) -> Int {
        guard dimensions.count <= 255 else { throw IDXError(.tooManyDimensions(dimensions.count)) }
        var size = dataType.byteWidth
        for dimension in dimensions {
            guard dimension >= 0, dimension <= Int(UInt32.max) else { throw IDXError(.invalidDimension(dimension)) }
            let (product, overflow) = size.multipliedReportingOverflow(by: dimension)
            guard !overflow, product <= limit else { throw IDXError(.tooLarge(dimensions: dimensions, limit: limit)) }
            size = product
        }
        return size
    }

    /// Element `index` as a `Float`; 32-bit integers beyond ±2²⁴ and doubles are rounded.
    public func floatValue(at index: Int) -> Float {
        let width = dataType.byteWidth
        var bits: UInt64 = 0
        for byte in rawBytes[(index * width)..<((index + 1) * width)] { bits = bits << 8 | UInt64(byte) }
        switch dataType {
        case .uint8: return Float(UInt8(truncatingIfNeeded: bits))
        case .int8: return Float(Int8(bitPattern: UInt8(truncatingIfNeeded: bits)))
        case .int16: return Float(Int16(bitPattern: UInt16(truncatingIfNeeded: bits)))
        case .int32: return Float(Int32(bitPattern: UInt32(truncatingIfNeeded: bits)))
        case .float32: return Float(bitPattern: UInt32(truncatingIfNeeded: bits))
        case .float64: return Float(Double(bitPattern: bits))
        }
    }

    /// All elements as `Float`s, in row-major order (see ``floatValue(at:)`` for rounding).
    public func floatValues() -> [Float] {
        let count = self.count
        return [Float](unsafeUninitializedCapacity: count) { buffer, initialized in
            rawBytes.withUnsafeBufferPointer { bytes in
                switch dataType {
                case .uint8:
                    for i in 0..<count { buffer[i] = Float(bytes[i]) }
                case .int8:
                    for i in 0..<count { buffer[i] = Float(Int8(bitPattern: bytes[i])) }
                default:
                    for i in 0..<count { buffer[i] = floatValue(at: i) }
                }
            }
            initialized = count
        }
    }
}
