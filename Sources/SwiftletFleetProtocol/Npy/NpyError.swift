/// Why bytes are not a `.npy` array Swiftlet accepts.
public enum NpyError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file does not start with `\x93NUMPY`.
    case badMagic
    /// A format version other than 1.0 and 2.0.
    case unsupportedVersion(major: UInt8, minor: UInt8)
    /// The file ends inside the preamble or header.
    case truncatedHeader(needed: Int, available: Int)
    /// The header dictionary cannot be read.
    case malformedHeader(String)
    /// The dtype is not float32, float64, int32 or int64 (in either byte order).
    case unsupportedDType(String)
    /// The array is stored in Fortran (column-major) order.
    case fortranOrder
    /// The data length differs from what dtype and shape require.
    case byteCountMismatch(expected: Int, actual: Int)
    /// A dimension is negative or the element count overflows.
    case invalidShape([Int])

    /// What was wrong.
    public var description: String {
        switch self {
        case .badMagic: "not a .npy file: missing \\x93NUMPY magic"
        case .unsupportedVersion(let major, let minor): ".npy version \(major).\(minor) is not supported (1.0 and 2.0 are)"
        case .truncatedHeader(let needed, let available): ".npy header needs \(needed) bytes, only \(available) present"
        case .malformedHeader(let reason): "malformed .npy header: \(reason)"
        case .unsupportedDType(let descr): ".npy dtype '\(descr)' is not supported (float32, float64, int32, int64)"
        case .fortranOrder: ".npy arrays in Fortran order are not supported; save in C order"
        case .byteCountMismatch(let expected, let actual): ".npy data holds \(actual) bytes, shape and dtype need \(expected)"
        case .invalidShape(let shape): ".npy shape \(shape) is invalid"
        }
    }
}
