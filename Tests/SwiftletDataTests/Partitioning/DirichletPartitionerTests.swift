import SwiftletTensor
import Testing
@testable import SwiftletData

@Suite struct DirichletPartitionerTests {
    /// 10 classes × 100 samples, interleaved.
    let labels: [Int32] = (0..<1000).map { Int32($0 % 10) }

    func report(alpha: Double, seed: UInt64) throws -> PartitionReport {
        var generator = SeededGenerator(seed: seed)
        let parts = try Partitioner.dirichlet(labels: labels, clients: 10, alpha: alpha, generator: &generator)
        return try PartitionReport(partition: parts, labels: labels, classCount: 10)
    }

    @Test func coversEverySampleExactlyOnce() throws {
        var generator = SeededGenerator(seed: 1)
        let parts = try Partitioner.dirichlet(labels: labels, clients: 13, alpha: 0.5, generator: &generator)
        #expect(parts.count == 13)
        #expect(parts.flatMap { $0 }.sorted() == Array(0..<1000))
        #expect(parts.allSatisfy { !$0.isEmpty && $0 == $0.sorted() })
    }

    @Test func isFixedBySeed() throws {
        var a = SeededGenerator(seed: 4), b = SeededGenerator(seed: 4), c = SeededGenerator(seed: 5)
        let first = try Partitioner.dirichlet(labels: labels, clients: 10, alpha: 0.3, generator: &a)
        #expect(try Partitioner.dirichlet(labels: labels, clients: 10, alpha: 0.3, generator: &b) == first)
        #expect(try Partitioner.dirichlet(labels: labels, clients: 10, alpha: 0.3, generator: &c) != first)
    }

    @Test func smallAlphaGivesClientsFewLabels() throws {
        let meanDistinct = try (1...5).map { try report(alpha: 0.05, seed: $0).meanDistinctLabels }.reduce(0, +) / 5
        #expect(meanDistinct < 4)
    }

    @Test func largeAlphaIsNearlyUniform() throws {
        let report = try report(alpha: 1000, seed: 2)
        #expect(report.meanDistinctLabels == 10)
        // Each client's share of each class is 10 ± a few samples.
        #expect(report.labelHistograms.allSatisfy { $0.allSatisfy { (6...14).contains($0) } })
    }

    @Test func nonPositiveAlphaIsAnError() {
        var generator = SeededGenerator(seed: 1)
        #expect(throws: PartitionError.invalidParameter(name: "alpha", value: 0)) {
            try Partitioner.dirichlet(labels: labels, clients: 2, alpha: 0, generator: &generator)
        }
        #expect(throws: PartitionError.invalidParameter(name: "alpha", value: -1)) {
            try Partitioner.dirichlet(labels: labels, clients: 2, alpha: -1, generator: &generator)
        }
    }

    @Test func moreClientsThanSamplesIsAnError() {
        var generator = SeededGenerator(seed: 1)
        #expect(throws: PartitionError.tooFewSamples(samples: 3, pieces: 4)) {
            try Partitioner.dirichlet(labels: [0, 1, 2], clients: 4, alpha: 1, generator: &generator)
        }
        #expect(throws: PartitionError.tooFewSamples(samples: 1000, pieces: 1100)) {
            try Partitioner.dirichlet(labels: labels, clients: 10, alpha: 1, minimumSize: 110, generator: &generator)
        }
    }

    @Test func unreachableMinimumSizeFailsAfterRetries() {
        var generator = SeededGenerator(seed: 1)
        #expect {
            try Partitioner.dirichlet(labels: labels, clients: 10, alpha: 0.01, minimumSize: 100, maxAttempts: 3,
                                      generator: &generator)
        } throws: { error in
            guard case let PartitionError.minimumSizeNotReached(minimum, attempts, smallest) = error else { return false }
            return minimum == 100 && attempts == 3 && smallest < 100
        }
    }
}
