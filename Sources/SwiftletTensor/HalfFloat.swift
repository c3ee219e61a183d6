/// IEEE 754 binary16 conversions in integer arithmetic, rounding to nearest even.
///
/// Swift's `Float16` does not exist on Intel Macs, one of the platforms the core must build for; these
/// conversions give the same bits everywhere — the bits `Float16` gives where it exists (tested against it
/// for every half value and every tie) — so an `f16` update or a float16 safetensors file reads and writes
/// identically on every device.
public enum HalfFloat {
    /// The binary16 bits nearest `value` (ties to even); beyond ±65,504 an infinity, NaN stays NaN.
    @inline(__always)
    public static func bits(_ value: Float) -> UInt16 {
        let x = value.bitPattern
        let sign = UInt16(truncatingIfNeeded: (x >> 16) & 0x8000)
        let exponent = Int((x >> 23) & 0xFF)
        let fraction = x & 0x7F_FFFF
        if exponent == 0xFF {
            return sign | 0x7C00 | (fraction == 0 ? 0 : UInt16(truncatingIfNeeded: 0x200 | (fraction >> 13)))
        }
        let biased = exponent - 127 + 15
        if biased >= 0x1F { return sign | 0x7C00 }
        if biased <= 0 {
            // A subnormal half (or zero): the significand with its implicit bit, shifted to units of 2⁻²⁴.
            if biased < -10 { return sign }
            let significand = fraction | 0x80_0000
            let shift = UInt32(14 - biased)
            var half = significand >> shift
            let rest = significand & ((1 << shift) - 1), halfway = UInt32(1) << (shift - 1)
            if rest > halfway || (rest == halfway && half & 1 == 1) { half += 1 }
            return sign | UInt16(truncatingIfNeeded: half)
        }
        // A carry out of the fraction moves into the exponent, up to the infinity, as it should.
        var half = UInt32(biased) << 10 | fraction >> 13
        let rest = fraction & 0x1FFF
        if rest > 0x1000 || (rest == 0x1000 && half & 1 == 1) { half += 1 }
        return sign | UInt16(truncatingIfNeeded: half)
    }

    /// The value of binary16 `bits`, exactly.
    @inline(__always)
    public static func value(_ bits: UInt16) -> Float {
        let sign = UInt32(bits & 0x8000) << 16
        let exponent = UInt32((bits >> 10) & 0x1F)
        let fraction = UInt32(bits & 0x3FF)
        if exponent == 0 {
            let magnitude = Float(fraction) * 0x1p-24
            return sign == 0 ? magnitude : -magnitude
        }
        if exponent == 0x1F { return Float(bitPattern: sign | 0x7F80_0000 | fraction << 13) }
        return Float(bitPattern: sign | (exponent + 112) << 23 | fraction << 13)
    }
}
