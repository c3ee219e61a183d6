import SwiftletTensor

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

    /// Widens an IEEE binary16 bit pattern exactly (``SwiftletTensor/HalfFloat``).
    static func halfToFloat(_ h: UInt16) -> Float { HalfFloat.value(h) }
}
