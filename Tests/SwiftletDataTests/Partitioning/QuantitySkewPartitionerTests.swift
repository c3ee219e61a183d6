import SwiftletTensor
import Testing
@testable import SwiftletData

@Suite struct QuantitySkewPartitionerTests {
    @Test func coversEverySampleOnceWithNoEmptyClient() throws {
        var generator = SeededGenerator(seed: 2)
        let parts = try Partitioner.quantitySkew(count: 5000, clients: 50, distribution: .powerLaw(exponent: 1),
                                                 generator: &generator)
        #expect(parts.count == 50)
        #expect(parts.allSatisfy { !$0.isEmpty })
        #expect(parts.flatMap { $0 }.sorted() == Array(0..<5000))
    }

    @Test func isFixedBySeed() throws {
        var a = SeededGenerator(seed: 6), b = SeededGenerator(seed: 6), c = SeededGenerator(seed: 7)
        let first = try Partitioner.quantitySkew(count: 300, clients: 9, distribution: .logNormal(sigma: 1), generator: &a)
        #expect(try Partitioner.quantitySkew(count: 300, clients: 9, distribution: .logNormal(sigma: 1), generator: &b) == first)
        #expect(try Partitioner.quantitySkew(count: 300, clients: 9, distribution: .logNormal(sigma: 1), generator: &c) != first)
    }

    @Test func zeroSigmaGivesSizesDifferingByAtMostOne() throws {
        // 23 − 5 = 18 shared equally: quotas 3.6, floors 3, the 3 leftover go to the lowest indices; plus 1 each.
        var generator = SeededGenerator(seed: 1)
        let parts = try Partitioner.quantitySkew(count: 23, clients: 5, distribution: .logNormal(sigma: 0), generator: &generator)
        #expect(parts.map(\.count) == [5, 5, 5, 4, 4])
    }

    @Test func heavyPowerLawConcentratesData() throws {
        var generator = SeededGenerator(seed: 3)
        let parts = try Partitioner.quantitySkew(count: 10_000, clients: 100, distribution: .powerLaw(exponent: 1),
                                                 generator: &generator)
        let sizes = parts.map(\.count).sorted()
        #expect(sizes.last! > 5 * sizes[50])
    }

    @Test func apportionUsesLargestRemainders() {
        // Quotas 10 × (1, 2, 3)/6 = 1.67, 3.33, 5: floors 1, 3, 5 leave 1, which goes to the largest remainder (0.67).
        #expect(Partitioner.apportion(10, weights: [1, 2, 3]) == [2, 3, 5])
    }

    @Test func invalidParametersAreErrors() {
        var generator = SeededGenerator(seed: 1)
        #expect(throws: PartitionError.invalidParameter(name: "exponent", value: 0)) {
            try Partitioner.quantitySkew(count: 10, clients: 2, distribution: .powerLaw(exponent: 0), generator: &generator)
        }
        #expect(throws: PartitionError.invalidParameter(name: "sigma", value: -1)) {
            try Partitioner.quantitySkew(count: 10, clients: 2, distribution: .logNormal(sigma: -1), generator: &generator)
        }
        #expect(throws: PartitionError.tooFewSamples(samples: 2, pieces: 3)) {
            try Partitioner.quantitySkew(count: 2, clients: 3, distribution: .logNormal(sigma: 1), generator: &generator)
        }
    }
}
