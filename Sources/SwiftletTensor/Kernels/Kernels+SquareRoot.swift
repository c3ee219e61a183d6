extension Kernels {
    /// √x for 16 lanes without libm: `Float.squareRoot()` becomes a call to `sqrtf` on cores without a
    /// floating-point square-root instruction, so kernels that must run there use this instead.
    ///
    /// Reciprocal square root from the exponent-halving bit trick (Lomont, "Fast Inverse Square Root", 2003),
    /// two Newton–Raphson steps, then one residual correction `y + ½r(x − y²)` with a fused multiply–add
    /// (Markstein, "Computation of elementary functions on the IBM RISC System/6000", 1990), which leaves the
    /// result within one ulp of the correctly rounded root. Subnormals are scaled by 2²⁴ first; √0 = 0,
    /// √∞ = ∞, negatives and NaN give NaN. The same operations run on every platform, so results agree.
    @inlinable
    public static func squareRoot(_ x: SIMD16<Float>) -> SIMD16<Float> {
        let tiny = x .< SIMD16<Float>(repeating: 0x1p-126)
        let s = x.replacing(with: x * 0x1p24, where: tiny)
        let bits = unsafeBitCast(s, to: SIMD16<UInt32>.self)
        var r = unsafeBitCast(SIMD16<UInt32>(repeating: 0x5F37_5A86) &- (bits &>> 1), to: SIMD16<Float>.self)
        let halfS = s * 0.5
        r = r * (1.5 - halfS * r * r)
        r = r * (1.5 - halfS * r * r)
        var y = s * r
        y = y.addingProduct(r * 0.5, s.addingProduct(-y, y))
        y = y.replacing(with: y * 0x1p-12, where: tiny)
        y = y.replacing(with: s, where: s .== .infinity)
        y = y.replacing(with: 0, where: s .== 0)
        return y.replacing(with: .nan, where: x .< 0)
    }

    /// √x for one value without libm; the same algorithm as ``squareRoot(_:)-(SIMD16<Float>)``.
    @inlinable
    public static func squareRoot(_ x: Float) -> Float {
        squareRoot(SIMD16<Float>(repeating: x))[0]
    }
}
