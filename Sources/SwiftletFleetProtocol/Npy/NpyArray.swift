/// An n-dimensional array in NumPy's `.npy` format: float32, float64, int32 or int64, C order.
///
/// Flower serialises every array as a `.npy` file (stype `"numpy.ndarray"`), so this is how model weights
/// cross to and from Flower apps. Values are held in native form; the byte order only matters on the wire.
public struct NpyArray: Sendable, Equatable {
    /// The element type.
    public enum DType: String, Sendable, Equatable, CaseIterable {
        /// 32-bit IEEE float (`f4`).
        case float32
        /// 64-bit IEEE float (`f8`).
        case float64
        /// 32-bit signed integer (`i4`).
        case int32
        /// 64-bit signed integer (`i8`).
        case int64

        /// The numpy type code without byte order (`f4`, …).
        public var code: String {
            switch self {
            case .float32: "f4"
            case .float64: "f8"
            case .int32: "i4"
            case .int64: "i8"
            }
        }

        /// Bytes per element.
        public var size: Int { self == .float32 || self == .int32 ? 4 : 8 }
    }

    /// The values, in C order.
    public enum Elements: Sendable, Equatable {
        /// float32 values.
        case float32([Float])
        /// float64 values.
        case float64([Double])
        /// int32 values.
        case int32([Int32])
        /// int64 values.
        case int64([Int64])

        /// The element type.
        public var dtype: DType {
            switch self {
            case .float32: .float32
            case .float64: .float64
            case .int32: .int32
            case .int64: .int64
            }
        }

        /// The number of values.
        public var count: Int {
            switch self {
            case .float32(let v): v.count
            case .float64(let v): v.count
            case .int32(let v): v.count
            case .int64(let v): v.count
            }
        }
    }

    /// The dimensions (empty for a scalar).
    public let shape: [Int]
    /// The values.
    public let elements: Elements
    /// Whether the file stored big-endian values (`>`); writing uses this order too.
    public var bigEndian: Bool

    /// Creates an array; the value count must equal the product of the shape.
    public init(shape: [Int], elements: Elements, bigEndian: Bool = false) throws(NpyError) {
        let count = try Self.elementCount(shape)
        guard count == elements.count else {
            throw .byteCountMismatch(expected: count * elements.dtype.size, actual: elements.count * elements.dtype.size)
        }
        self.shape = shape
        self.elements = elements
        self.bigEndian = bigEndian
    }

    /// The element type.
    public var dtype: DType { elements.dtype }

    /// The numpy dtype name (`"float32"`, …), as Flower's `Array.dtype` carries it.
    public var dtypeName: String { dtype.rawValue }

    /// The values as float32 (float64 rounded to nearest); `nil` for integer arrays.
    public var float32Values: [Float]? {
        switch elements {
        case .float32(let v): v
        case .float64(let v): v.map { Float($0) }
        case .int32, .int64: nil
        }
    }

    static func elementCount(_ shape: [Int]) throws(NpyError) -> Int {
        var count = 1
        for dimension in shape {
            let (product, overflow) = count.multipliedReportingOverflow(by: dimension)
            guard dimension >= 0, !overflow, product <= Int.max / 8 else { throw .invalidShape(shape) }
            count = product
        }
        return count
    }
}
