import Testing
@testable import SwiftletFederated
import SwiftletTensor

@Suite struct TrimmedMeanTests {
    @Test func dropsTheSmallestAndLargestFractionOfEachCoordinate() {
        // n = 5, β = 0.2: one value cut at each end. {1, 2, 3, 4, 100} → (2+3+4)/3; {−50, 0, 1, 2, 3} → (0+1+2)/3.
        let rows: [[Float]] = [[3, 2], [100, -50], [1, 0], [4, 3], [2, 1]]
        #expect(Aggregation.trimmedMean(rows, trimFraction: 0.2) == [3, 1])
    }

    @Test func tiedValuesAreCutOneAtATime() {
        // {2, 2, 2, 5, 5}: one 2 and one 5 go, leaving (2 + 2 + 5)/3 = 3; {7, 7, 7, 7, 7} → 7.
        let rows: [[Float]] = [[5, 7], [2, 7], [2, 7], [5, 7], [2, 7]]
        #expect(Aggregation.trimmedMean(rows, trimFraction: 0.2) == [3, 7])
    }

    @Test func zeroFractionIsThePlainMean() {
        #expect(Aggregation.trimmedMean([[1, 2], [3, 4], [5, 9]], trimFraction: 0) == [3, 5])
    }

    @Test func trimCountRoundsDown() {
        #expect(Aggregation.trimCount(fraction: 0.2, count: 4) == 0)
        #expect(Aggregation.trimCount(fraction: 0.2, count: 5) == 1)
        #expect(Aggregation.trimCount(fraction: 0.4, count: 6) == 2)
        // β = 0.2 of 4 rows trims nothing: the mean of all four, outlier included.
        #expect(Aggregation.trimmedMean([[0], [1], [2], [9]], trimFraction: 0.2) == [3])
        // β = 0.4 of 6 rows keeps the middle two: {−9, 0, 1, 3, 4, 20} → (1 + 3)/2.
        #expect(Aggregation.trimmedMean([[20], [1], [-9], [4], [0], [3]], trimFraction: 0.4) == [2])
    }

    @Test func matchesSortingEachColumnAcrossBlockAndLaneBoundaries() {
        let rows = randomRows(9, 300, seed: 3)
        let mean = Aggregation.trimmedMean(rows, trimFraction: 0.25)
        // ⌊0.25 × 9⌋ = 2 cut at each end; the reference sums the kept values in Double, smallest first.
        let expected = (0..<300).map { c -> Float in
            Float(sortedColumn(rows, c)[2..<7].reduce(0.0) { $0 + Double($1) } / 5)
        }
        #expect(mean == expected)
    }

    @Test func resultDoesNotDependOnThreadCount() {
        let rows = randomRows(50, 10_000, seed: 2)
        let serial = Aggregation.trimmedMean(rows, trimFraction: 0.1, pool: .serial)
        #expect(Aggregation.trimmedMean(rows, trimFraction: 0.1, pool: ComputePool(threads: 2)) == serial)
        #expect(Aggregation.trimmedMean(rows, trimFraction: 0.1, pool: ComputePool(threads: 3)) == serial)
    }
}
