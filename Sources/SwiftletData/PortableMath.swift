/// Elementary functions in plain Double arithmetic, so seeded data and features are bit-identical on every
/// platform.
///
/// The system libm may differ in the last bit between macOS, Linux and versions of each; one such bit can move a
/// floor or a cut point and change a partition or a synthetic client. These series use only +, −, ×, ÷, which
/// IEEE 754 rounds identically everywhere. They are accurate to a few ulps — ample for sampling and features —
/// and are used only off the hot paths (plans, per-sample draws).
enum PortableMath {
    static let ln2 = 0.6931471805599453
    private static let ln2High = 0.6931471803691238, ln2Low = 1.9082149292705877e-10
    static let ln10 = 2.302585092994046
    private static let halfPiHigh = 1.5707963267341256, halfPiLow = 6.077100506506192e-11

    /// The natural logarithm: `x = m · 2^e` with `m ∈ [√½, √2)`, then `ln m = 2 atanh((m − 1)/(m + 1))` by its series.
    static func log(_ x: Double) -> Double {
        guard x > 0 else { return x == 0 ? -.infinity : .nan }
        guard x.isFinite else { return x }
        var exponent = Double(x.exponent)
        var m = x.significand
        if m > 1.4142135623730951 { m *= 0.5; exponent += 1 }
        let t = (m - 1) / (m + 1), t2 = t * t
        var term = t, sum = 0.0, n = 1.0
        while true {
            let next = sum + term / n
            if next == sum { break }
            sum = next
            term *= t2
            n += 2
        }
        return 2 * sum + exponent * ln2
    }

    /// The natural logarithm of a positive finite Float, for feature pipelines: the same reduction as ``log(_:)``
    /// but a fixed seven-term series (|t| ≤ 0.172, so the first omitted term is below 3·10⁻¹³) in Double.
    static func log(_ x: Float) -> Float {
        guard x > 0, x.isFinite else { return Float(log(Double(x))) }
        var exponent = Double(x.exponent)
        var m = Double(x.significand)
        if m > 1.4142135623730951 { m *= 0.5; exponent += 1 }
        let t = (m - 1) / (m + 1), t2 = t * t
        let series = 1 + t2 * (1.0 / 3 + t2 * (1.0 / 5 + t2 * (1.0 / 7 + t2 * (1.0 / 9 + t2 * (1.0 / 11 + t2 / 13)))))
        return Float(2 * t * series + exponent * ln2)
    }

    /// `e^x`: `x = k·ln 2 + r` with `|r| ≤ ln 2 / 2`, the Taylor series of `e^r`, then scaling by `2^k`.
    static func exp(_ x: Double) -> Double {
        if x.isNaN { return x }
        if x > 709.782712893384 { return .infinity }
        if x < -745.1332191019412 { return 0 }
        let k = (x / ln2).rounded()
        let r = (x - k * ln2High) - k * ln2Low
        var term = 1.0, sum = 1.0, n = 1.0
        while true {
            term *= r / n
            let next = sum + term
            if next == sum { break }
            sum = next
            n += 1
        }
        // Two steps keep 2^k representable when the result is subnormal.
        let half = Int(k) / 2
        return sum * Double(sign: .plus, exponent: half, significand: 1)
            * Double(sign: .plus, exponent: Int(k) - half, significand: 1)
    }

    /// `base^exponent` for `base > 0`.
    static func pow(_ base: Double, _ exponent: Double) -> Double { exp(exponent * log(base)) }

    /// The base-10 logarithm.
    static func log10(_ x: Double) -> Double { log(x) / ln10 }

    /// sin and cos of `x` (accurate for |x| up to about 10⁵): reduce by π/2, then Taylor series on |r| ≤ π/4.
    static func sinCos(_ x: Double) -> (sin: Double, cos: Double) {
        let k = (x / 1.5707963267948966).rounded()
        let r = (x - k * halfPiHigh) - k * halfPiLow
        let r2 = r * r
        var sinTerm = r, sinSum = r, cosTerm = 1.0, cosSum = 1.0, n = 1.0
        while true {
            sinTerm *= -r2 / ((n + 1) * (n + 2))
            cosTerm *= -r2 / (n * (n + 1))
            let nextSin = sinSum + sinTerm, nextCos = cosSum + cosTerm
            if nextSin == sinSum && nextCos == cosSum { break }
            sinSum = nextSin
            cosSum = nextCos
            n += 2
        }
        switch ((Int(k) % 4) + 4) % 4 {
        case 0: return (sinSum, cosSum)
        case 1: return (cosSum, -sinSum)
        case 2: return (-sinSum, -cosSum)
        default: return (-cosSum, sinSum)
        }
    }
}
