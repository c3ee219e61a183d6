/// A seeded, reproducible pseudo-random generator (xoshiro256**, Blackman & Vigna 2018).
///
/// The same seed yields the same sequence on every platform and run. Swiftlet never draws randomness from
/// the system: initialisation, shuffling, dropout and client sampling all take one of these, so a seed fixes
/// a whole run. Streams for independent consumers are derived with ``split(stream:)`` rather than shared,
/// which keeps results independent of thread count and scheduling.
public struct SeededGenerator: RandomNumberGenerator, Sendable, Equatable {
    private var s0: UInt64, s1: UInt64, s2: UInt64, s3: UInt64

    /// Creates a generator whose state is expanded from `seed` with SplitMix64.
    public init(seed: UInt64) {
        var sm = seed
        func splitMix() -> UInt64 {
            sm &+= 0x9E37_79B9_7F4A_7C15
            var z = sm
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        s0 = splitMix(); s1 = splitMix(); s2 = splitMix(); s3 = splitMix()
    }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        let result = rotl(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3
        s2 ^= t
        s3 = rotl(s3, 45)
        return result
    }

    /// A new generator for an independent stream, derived deterministically from this one's state and `stream`.
    public func split(stream: UInt64) -> SeededGenerator {
        var copy = self
        let mixed = copy.next() ^ (stream &* 0xD1B5_4A32_D192_ED03)
        return SeededGenerator(seed: mixed)
    }

    /// A uniformly distributed `Float` in `[0, 1)` with 24 bits of precision.
    public mutating func nextUnitFloat() -> Float {
        Float(next() >> 40) * (1.0 / 16_777_216.0)
    }

    /// A uniformly distributed `Float` in `range`.
    public mutating func nextFloat(in range: ClosedRange<Float>) -> Float {
        range.lowerBound + (range.upperBound - range.lowerBound) * nextUnitFloat()
    }

    /// A standard normal sample (Marsaglia's polar method; needs no trigonometry, so it is identical on every libm).
    public mutating func nextNormal() -> Float {
        while true {
            let u = Double(next() >> 11) * 0x1p-53 * 2 - 1
            let v = Double(next() >> 11) * 0x1p-53 * 2 - 1
            let s = u * u + v * v
            if s > 0 && s < 1 {
                return Float(u * (-2 * _log(s) / s).squareRoot())
            }
        }
    }

    /// A uniformly distributed integer in `0..<upperBound` without modulo bias (Lemire 2019).
    public mutating func nextInt(below upperBound: Int) -> Int {
        precondition(upperBound > 0, "upper bound must be positive")
        let bound = UInt64(upperBound)
        var product = next().multipliedFullWidth(by: bound)
        if product.low < bound {
            let threshold = (0 &- bound) % bound
            while product.low < threshold { product = next().multipliedFullWidth(by: bound) }
        }
        return Int(product.high)
    }

    /// Shuffles `array` in place with the Fisher–Yates algorithm, driven by this generator only.
    @inlinable
    public mutating func shuffle<T>(_ array: inout [T]) {
        guard array.count > 1 else { return }
        for i in stride(from: array.count - 1, to: 0, by: -1) {
            let j = nextInt(below: i + 1)
            if i != j { array.swapAt(i, j) }
        }
    }

    private func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }
}

/// Natural logarithm in Double precision without libm, so normal samples are bit-identical on every platform.
///
/// Reduces `x = m · 2^e` with `m ∈ [√½, √2)` and sums the atanh series of `(m − 1)/(m + 1)`.
@usableFromInline
func _log(_ x: Double) -> Double {
    var e = Double(x.exponent)
    var m = x.significand
    if m > 1.4142135623730951 { m *= 0.5; e += 1 }
    let t = (m - 1) / (m + 1)
    let t2 = t * t
    var term = t
    var sum = 0.0
    var n = 1.0
    while true {
        let next = sum + term / n
        if next == sum { break }
        sum = next
        term *= t2
        n += 2
    }
    return 2 * sum + e * 0.6931471805599453
}
