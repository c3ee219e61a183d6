import SwiftletTensor

extension SeededGenerator {
    /// A Gamma(shape, 1) sample, by Marsaglia & Tsang, "A simple method for generating gamma variables",
    /// ACM TOMS 26(3), 2000; shapes below 1 use their boost `Gamma(a) = Gamma(a + 1) · U^(1/a)`.
    mutating func nextGamma(shape: Double) -> Double {
        if shape < 1 {
            let boosted = nextGamma(shape: shape + 1)
            let u = Double(next() >> 11) * 0x1p-53
            return boosted * PortableMath.pow(Swift.max(u, 0x1p-60), 1 / shape)
        }
        let d = shape - 1.0 / 3.0, c = 1 / (9 * d).squareRoot()
        while true {
            let x = Double(nextNormal())
            let v = 1 + c * x
            guard v > 0 else { continue }
            let v3 = v * v * v
            let u = Double(next() >> 11) * 0x1p-53
            if u < 1 - 0.0331 * x * x * x * x || PortableMath.log(u) < 0.5 * x * x + d * (1 - v3 + PortableMath.log(v3)) { return d * v3 }
        }
    }

    /// Proportions drawn from the symmetric Dirichlet(α, …, α) over `count` outcomes (normalised Gamma draws).
    mutating func nextDirichlet(alpha: Double, count: Int) -> [Double] {
        var draws = (0..<count).map { _ in nextGamma(shape: alpha) }
        var total = draws.reduce(0, +)
        if total <= 0 {
            // Every draw underflowed (tiny α): the limit is all mass on one outcome.
            draws = [Double](repeating: 0, count: count)
            draws[nextInt(below: count)] = 1
            total = 1
        }
        return draws.map { $0 / total }
    }
}
