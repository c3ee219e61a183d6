import Testing
import SwiftletTensor
import SwiftletFederated

@Suite struct SamplingPolicyTests {
    static let tenNodes: [NodeID] = (1...10).map { NodeID($0) }

    @Test(arguments: [
        // (fraction, minimum, minimumAvailable, available) → size
        (0.3, 2, 2, 10, 3),      // ⌊3.0⌋ = 3
        (0.1, 2, 2, 10, 2),      // ⌊1.0⌋ = 1, raised to the minimum 2
        (1.0, 2, 2, 7, 7),       // everyone
        (0.5, 2, 5, 5, 2),       // ⌊2.5⌋ = 2
        (0.25, 1, 1, 9, 2),      // ⌊2.25⌋ = 2
        (0.0, 0, 0, 5, 1),       // never an empty round
        (0.7, 2, 2, 10, 7),      // 0.7 × 10 is 7.000000000000001 in binary: still 7
    ])
    func sampleSizeIsTheLargerOfMinimumAndFractionOfAvailable(
        _ fraction: Double, _ minimum: Int, _ minimumAvailable: Int, _ available: Int, _ expected: Int
    ) {
        let policy = SamplingPolicy(fraction: fraction, minimum: minimum, minimumAvailable: minimumAvailable)
        #expect(policy.sampleSize(available: available) == expected)
    }

    @Test func fractionWhoseProductIsJustBelowAnIntegerInBinaryStillCountsIt() {
        // 0.29 × 100 evaluates to 28.999999999999996; ⌊29⌋ nodes were asked for.
        let policy = SamplingPolicy(fraction: 0.29, minimum: 1, minimumAvailable: 1)
        #expect(policy.sampleSize(available: 100) == 29)
        #expect(SamplingPolicy(fraction: 0.57, minimum: 1, minimumAvailable: 1).sampleSize(available: 100) == 57)
    }

    @Test func sampleSizeIsNilBelowMinimumAvailable() {
        let policy = SamplingPolicy(fraction: 0.5, minimum: 2, minimumAvailable: 5)
        #expect(policy.sampleSize(available: 4) == nil)
    }

    @Test func sampleSizeIsNilWhenFewerThanTheMinimumAreAvailable() {
        let policy = SamplingPolicy(fraction: 1, minimum: 3, minimumAvailable: 1)
        #expect(policy.sampleSize(available: 2) == nil)
        #expect(policy.sampleSize(available: 3) == 3)
    }

    @Test func sampleSizeIsNilWithNoNodesWhateverTheMinimums() {
        #expect(SamplingPolicy(fraction: 1, minimum: 0, minimumAvailable: 0).sampleSize(available: 0) == nil)
    }

    @Test func fractionAboveOneIsCappedAtTheAvailableNodes() {
        #expect(SamplingPolicy(fraction: 1.5, minimum: 1, minimumAvailable: 1).sampleSize(available: 10) == 10)
        #expect(SamplingPolicy(fraction: 1e300, minimum: 1, minimumAvailable: 1).sampleSize(available: 10) == 10)
        #expect(SamplingPolicy(fraction: .infinity, minimum: 1, minimumAvailable: 1).sampleSize(available: 10) == 10)
    }

    @Test func negativeOrNaNFractionSamplesTheMinimum() {
        #expect(SamplingPolicy(fraction: -0.5, minimum: 3, minimumAvailable: 1).sampleSize(available: 10) == 3)
        #expect(SamplingPolicy(fraction: .nan, minimum: 3, minimumAvailable: 1).sampleSize(available: 10) == 3)
    }

    @Test func sampleIsASubsetWithoutRepeats() throws {
        var generator = SeededGenerator(seed: 1)
        let policy = SamplingPolicy(fraction: 0.5, minimum: 2, minimumAvailable: 2)
        let sample = try #require(policy.sample(from: Self.tenNodes, generator: &generator))
        #expect(sample.count == 5)
        #expect(Set(sample).count == 5)
        #expect(Set(sample).isSubset(of: Self.tenNodes))
    }

    @Test func fullFractionSamplesEveryNodeOnce() throws {
        var generator = SeededGenerator(seed: 2)
        let sample = try #require(SamplingPolicy(fraction: 1).sample(from: Self.tenNodes, generator: &generator))
        #expect(sample.sorted() == Self.tenNodes)
    }

    @Test func sameSeedDrawsTheSameSample() {
        let policy = SamplingPolicy(fraction: 0.3)
        var a = SeededGenerator(seed: 42)
        var b = SeededGenerator(seed: 42)
        for _ in 0..<20 {
            #expect(policy.sample(from: Self.tenNodes, generator: &a) == policy.sample(from: Self.tenNodes, generator: &b))
        }
    }

    @Test func sampleDependsOnTheSetOfNodesNotTheirOrder() {
        let policy = SamplingPolicy(fraction: 0.3)
        var shuffler = SeededGenerator(seed: 9)
        var shuffled = Self.tenNodes
        shuffler.shuffle(&shuffled)
        #expect(shuffled != Self.tenNodes)
        var a = SeededGenerator(seed: 7)
        var b = SeededGenerator(seed: 7)
        #expect(policy.sample(from: Self.tenNodes, generator: &a) == policy.sample(from: shuffled, generator: &b))
    }

    @Test func sampleIsNilWhenTooFewNodesAreAvailable() {
        var generator = SeededGenerator(seed: 1)
        let policy = SamplingPolicy(fraction: 1, minimum: 2, minimumAvailable: 3)
        #expect(policy.sample(from: [1, 2], generator: &generator) == nil)
    }

    @Test func everyNodeIsSampledAboutEquallyOften() {
        // Each draw picks 3 of 10 nodes, so each node's count over n draws is Binomial(n, 0.3).
        let draws = 3_000
        let p = 0.3
        let mean = Double(draws) * p
        let standardDeviation = (Double(draws) * p * (1 - p)).squareRoot()  // ≈ 25.1
        let policy = SamplingPolicy(fraction: p, minimum: 1, minimumAvailable: 1)
        var generator = SeededGenerator(seed: 2026)
        var counts: [NodeID: Int] = [:]
        for _ in 0..<draws {
            for node in policy.sample(from: Self.tenNodes, generator: &generator) ?? [] { counts[node, default: 0] += 1 }
        }
        #expect(counts.values.reduce(0, +) == 3 * draws)
        for node in Self.tenNodes {
            // Six standard deviations: a fair sampler falls outside with probability about 2e-9.
            #expect(abs(Double(counts[node] ?? 0) - mean) < 6 * standardDeviation, "\(node) drawn \(counts[node] ?? 0) times")
        }
    }
}
