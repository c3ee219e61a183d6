import Testing
import SwiftletFederated

/// QSGD's stochastic rounding is unbiased: averaged over seeds, decoded values approach the input.
@Suite struct QSGDUnbiasednessTests {
    static let values: [Float] = [0.3, -0.7, 0.05, 1, -1, 0.51, -0.123, 0]

    static func mean(_ spec: String, seeds: Int) throws -> [Double] {
        var sum = [Double](repeating: 0, count: values.count)
        for seed in 0..<seeds {
            for (i, v) in try roundTrip(spec, values, seed: UInt64(seed)).enumerated() { sum[i] += Double(v) }
        }
        return sum.map { $0 / Double(seeds) }
    }

    @Test(arguments: [1, 2, 4])
    func meanOverManySeedsMatchesTheInput(bits: Int) throws {
        let seeds = 4000
        let mean = try Self.mean("qsgd:\(bits)", seeds: seeds)
        // Each draw lies within one grid step (≤ 2 · scale = 2) of x; the standard error of the mean is at most
        // 1/√seeds ≈ 0.016 — five standard errors as the tolerance.
        for (x, m) in zip(Self.values, mean) { #expect(abs(Double(x) - m) < 5 / Double(seeds).squareRoot()) }
    }

    @Test func oneBitIsStochasticSignOfTheScale() throws {
        let decoded = try roundTrip("qsgd:1", Self.values, seed: 1)
        for v in decoded { #expect(v == 1 || v == -1) }
    }

    @Test func valuesOnTheGridAreNeverRounded() throws {
        // 3 bits: 7 points on [−1, 1], step 1/3; ±1, ±1/3 and 0 are grid points.
        let grid: [Float] = [1, -1, 0, 1.0 / 3, -1.0 / 3]
        for seed in 0..<20 {
            let decoded = try roundTrip("qsgd:3", grid, seed: UInt64(seed))
            #expect(maxAbsoluteError(decoded, grid) < 1e-6)
        }
    }
}
