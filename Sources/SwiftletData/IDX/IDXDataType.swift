/// The element type of an IDX file, from the third byte of its magic number.
///
/// IDX is the format of the MNIST distribution (LeCun, Bottou, Bengio & Haffner, "Gradient-based learning
/// applied to document recognition", Proc. IEEE 1998; format described on the MNIST page). Multi-byte
/// values are stored big-endian.
public enum IDXDataType: UInt8, Sendable, CaseIterable, CustomStringConvertible {
    /// Unsigned byte (0x08).
    case uint8 = 0x08
    /// Signed byte (0x09).
    case int8 = 0x09
    /// Big-endian signed 16-bit integer (0x0B).
    case int16 = 0x0B
    /// Big-endian signed 32-bit integer (0x0C).
    case int32 = 0x0C
    /// Big-endian IEEE 754 single precision (0x0D).
    case float32 = 0x0D
    /// Big-endian IEEE 754 double precision (0x0E).
    case float64 = 0x0E

    /// The size of one element in bytes.
    public var byteWidth: Int {
        switch self {
        case .uint8, .int8: return 1
        case .int16: return 2
        case .int32, .float32: return 4
        case .float64: return 8
        }
    }

    /// The type's name as used in error messages, e.g. "unsigned byte".
    public var description: String {
        switch self {
        case .uint8: return "unsigned byte"
        case .int8: return "signed byte"
        case .int16: return "int16"
        case .int32: return "int32"
        case .float32: return "float32"
        case .float64: return "float64"
        }
    }
}
