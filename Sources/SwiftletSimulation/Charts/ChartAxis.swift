import Foundation

/// An axis's range and ticks: "nice" round steps of 1, 2 or 5 × 10ⁿ on a linear axis, powers of ten on a
/// logarithmic one, with labels formatted to the step's precision.
///
/// The range is widened to whole steps, so 0…0.97 becomes 0…1 with ticks 0, 0.2, …, 1 (Heckbert, "Nice
/// numbers for graph labels", Graphics Gems, 1990).
public struct ChartAxis: Sendable, Equatable {
    /// The value at the start of the axis.
    public var lower: Double
    /// The value at the end of the axis.
    public var upper: Double
    /// The tick values, ascending.
    public var ticks: [Double]
    /// The tick labels, one per tick.
    public var labels: [String]
    /// Whether positions are proportional to log₁₀ of the value.
    public var isLogarithmic: Bool

    /// A linear axis covering `min…max` with about `targetCount` intervals of a 1-2-5 step.
    ///
    /// An empty or non-finite range becomes 0…1; a single value is widened by 10% of its magnitude (or 1).
    public static func linear(min: Double, max: Double, targetCount: Int = 5) -> ChartAxis {
        var lo = min, hi = max
        if !lo.isFinite || !hi.isFinite || lo > hi { (lo, hi) = (0, 1) }
        if lo == hi {
            let pad = lo == 0 ? 1 : abs(lo) * 0.1
            (lo, hi) = (lo - pad, hi + pad)
        }
        let (mantissa, exponent) = niceStep((hi - lo) / Double(Swift.max(targetCount, 1)))
        let step = value(1, mantissa: mantissa, exponent: exponent)
        let first = Int(wholeSteps(lo / step, roundingUp: false))
        let last = Int(wholeSteps(hi / step, roundingUp: true))
        let ticks = (first...last).map { value($0, mantissa: mantissa, exponent: exponent) }
        let labels = ticks.map { label($0, exponent: exponent, largest: Swift.max(abs(ticks[0]), abs(ticks[ticks.count - 1]))) }
        return ChartAxis(lower: ticks[0], upper: ticks[ticks.count - 1], ticks: ticks, labels: labels, isLogarithmic: false)
    }

    /// A logarithmic axis from the power of ten at or below `min` to the one at or above `max`, with a
    /// tick per decade (and at 2 and 5 times it when the range spans a single decade).
    /// Non-positive or non-finite bounds give 1…10.
    public static func logarithmic(min: Double, max: Double) -> ChartAxis {
        var lo = min, hi = max
        if !(lo > 0) || !(hi > 0) || !lo.isFinite || !hi.isFinite || lo > hi { (lo, hi) = (1, 10) }
        var low = 0
        while value(1, mantissa: 1, exponent: low) > lo { low -= 1 }
        while value(1, mantissa: 1, exponent: low + 1) <= lo { low += 1 }
        var high = low
        while value(1, mantissa: 1, exponent: high) < hi { high += 1 }
        if high == low { high += 1 }
        var ticks: [Double] = []
        var exponents: [Int] = []
        for e in low...high {
            ticks.append(value(1, mantissa: 1, exponent: e))
            exponents.append(e)
            if high - low == 1 && e == low {
                ticks += [value(1, mantissa: 2, exponent: e), value(1, mantissa: 5, exponent: e)]
                exponents += [e, e]
            }
        }
        let largest = ticks[ticks.count - 1]
        let labels = zip(ticks, exponents).map { label($0, exponent: $1, largest: largest) }
        return ChartAxis(lower: ticks[0], upper: largest, ticks: ticks, labels: labels, isLogarithmic: true)
    }

    /// The fraction 0…1 of the way along the axis at which `v` lies.
    public func fraction(_ v: Double) -> Double {
        isLogarithmic ? (log10(v) - log10(lower)) / (log10(upper) - log10(lower)) : (v - lower) / (upper - lower)
    }

    /// The smallest step m·10ᵉ with m ∈ {1, 2, 5} that is at least `raw`.
    static func niceStep(_ raw: Double) -> (mantissa: Int, exponent: Int) {
        guard raw > 0, raw.isFinite else { return (1, 0) }
        var exponent = 0
        while value(1, mantissa: 1, exponent: exponent) > raw { exponent -= 1 }
        while value(1, mantissa: 1, exponent: exponent + 1) <= raw { exponent += 1 }
        let f = raw / value(1, mantissa: 1, exponent: exponent)
        if f <= 1 { return (1, exponent) }
        if f <= 2 { return (2, exponent) }
        if f <= 5 { return (5, exponent) }
        return (1, exponent + 1)
    }

    /// i·m·10ᵉ, computed so that decimal ticks are the nearest doubles to their decimal values
    /// (3·2/10 gives 0.6 exactly, where 3·0.2 gives 0.6000000000000001).
    static func value(_ i: Int, mantissa: Int, exponent: Int) -> Double {
        let n = Double(i * mantissa)
        return exponent >= 0 ? n * SVGText.power10(Swift.min(exponent, 22)) : n / SVGText.power10(Swift.min(-exponent, 22))
    }

    /// Rounds a quotient to whole steps, treating values within rounding error of an integer as that integer.
    private static func wholeSteps(_ q: Double, roundingUp: Bool) -> Double {
        let nearest = q.rounded()
        if abs(q - nearest) < 1e-9 * Swift.max(1, abs(q)) { return nearest }
        return roundingUp ? q.rounded(.up) : q.rounded(.down)
    }

    /// A tick label with the step's precision; values of 10 000 and more use k, M, G, T suffixes.
    static func label(_ v: Double, exponent: Int, largest: Double) -> String {
        let suffixes: [(Double, Int, String)] = [(1e12, 12, "T"), (1e9, 9, "G"), (1e6, 6, "M"), (1e3, 3, "k")]
        if largest >= 1e4 {
            for (scale, power, suffix) in suffixes where largest >= scale {
                return v == 0 ? "0" : SVGText.fixed(v / scale, decimals: Swift.max(0, power - exponent)) + suffix
            }
        }
        return SVGText.fixed(v, decimals: Swift.max(0, -exponent))
    }
}
