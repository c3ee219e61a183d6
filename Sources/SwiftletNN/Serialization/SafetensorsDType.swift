/// The element types Swiftlet reads from safetensors files; all are converted to `Float`.
///
/// Names and byte sizes follow the safetensors specification (huggingface/safetensors). Swiftlet writes F32.
public enum SafetensorsDType: String, Sendable, Equatable, CaseIterable {
    /// IEEE 754 binary64.
    case f64 = "F64"
    /// IEEE 754 binary32.
    case f32 = "F32"
    /// IEEE 754 binary16.
    case f16 = "F16"
    /// bfloat16: the upper 16 bits of a binary32.
    case bf16 = "BF16"

    /// Bytes per element.
    public var byteSize: Int {
        switch self {
        case .f64: return 8
        case .f32: return 4
        case .f16, .bf16: return 2
        }
    }

    /// Converts `count` little-endian elements at `bytes` to `Float` (F64 rounds; out-of-range values become ±∞).
    func convert(_ bytes: UnsafeRawPointer, count: Int) -> [Float] {
        [Float](unsafeUninitializedCapacity: count) { buffer, initialized in
            switch self {
            case .f64:
                for i in 0..<count {
                    let bits = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: i * 8, as: UInt64.self))
                    buffer[i] = Float(Double(bitPattern: bits))
                }
            case .f32:
                for i in 0..<count {
                    buffer[i] = Float(bitPattern: UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: i * 4, as: UInt32.self)))
                }
            case .f16:
                for i in 0..<count {
                    buffer[i] = SafetensorsDType.halfToFloat(UInt16(littleEndian: bytes.loadUnaligned(fromByteOffset: i * 2, as: UInt16.self)))
                }
            case .bf16:
                for i in 0..<count {
                    let bits = UInt16(littleEndian: bytes.loadUnaligned(fromByteOffset: i * 2, as: UInt16.self))
                    buffer[i] = Float(bitPattern: UInt32(bits) << 16)
                }
            }
            initialized = count
        }
    }

    /// Widens an IEEE binary16 bit pattern exactly (written out because `Float16` is missing on some platforms).
    static func halfToFloat(_ h: UInt16) -> Float {
        let negative = h & 0x8000 != 0
        let exponent = UInt32((h >> 10) & 0x1F)
        let mantissa = UInt32(h & 0x3FF)
        let sign: UInt32 = negative ? 0x8000_0000 : 0
        switch exponent {
        case 0:  // zero or subnormal: mantissa · 2⁻²⁴, exact in Float
            let magnitude = Float(mantissa) * 0x1p-24
            return negative ? -magnitude : magnitude
        case 0x1F:  // infinity or NaN
            return Float(bitPattern: sign | 0x7F80_0000 | (mantissa << 13))
        default:  // rebias 15 → 127
            return Float(bitPattern: sign | ((exponent + 112) << 23) | (mantissa << 13))
        }
    }
}
