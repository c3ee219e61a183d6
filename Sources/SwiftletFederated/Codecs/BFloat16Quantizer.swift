/// Values as bfloat16 (`bf16`, 2 bytes): float32's sign and 8-bit exponent with 7 fraction bits.
///
/// The format of Google's TPUs (Kalamkar et al., "A Study of BFLOAT16 for Deep Learning Training", 2019):
/// float32's whole range, so no update overflows, at a relative error ≤ 2⁻⁸. Rounding is to nearest even on
/// the dropped 16 bits; NaNs stay NaNs (quiet), infinities stay infinities.
enum BFloat16Quantizer {
    static func payloadSize(count: Int) -> Int { count * 2 }

    /// The bfloat16 bits of `value`, rounded to nearest even.
    @inline(__always)
    static func bits(of value: Float) -> UInt16 {
        let b = value.bitPattern
        if value.isNaN { return UInt16(truncatingIfNeeded: b >> 16) | 0x0040 }
        return UInt16(truncatingIfNeeded: (b &+ 0x7FFF &+ ((b >> 16) & 1)) >> 16)
    }

    static func encode(_ values: UnsafeBufferPointer<Float>, into out: UnsafeMutableRawBufferPointer) {
        for i in 0..<values.count {
            out.storeBytes(of: bits(of: values[i]).littleEndian, toByteOffset: 2 * i, as: UInt16.self)
        }
    }

    static func decode(_ payload: UnsafeRawBufferPointer, count: Int, into out: UnsafeMutablePointer<Float>) {
        for i in 0..<count {
            let half = UInt16(littleEndian: payload.loadUnaligned(fromByteOffset: 2 * i, as: UInt16.self))
            out[i] = Float(bitPattern: UInt32(half) << 16)
        }
    }
}
