import Testing
@testable import SwiftletFederated
import SwiftletTensor

@Suite struct BulyanTests {
    /// n = 7, f = 1, so θ = 5 rows are selected and β = 3 values kept per coordinate; r6 is the attacker.
    let rows: [[Float]] = [[2, 1], [3, 1], [-2, -4], [-1, -2], [-2, 2], [-3, -2], [20, -20]]

    @Test func selectionIsRepeatedKrumOverTheRemainingRows() {
        // Krum scores by round (neighbours = candidates − f − 2, at least 1), lowest picked, ties to lower index:
        //   7 left, 4 nearest: r0 70, r1 97, r2 87, r3 44, r4 77, r5 60, r6 3000        → r3
        //   6 left, 3 nearest: r0 52, r1 72, r2 82, r4 60, r5 56, r6 2235              → r0
        //   5 left, 2 nearest: r1 71, r2 41, r4 43, r5 22, r6 1470                     → r5
        //   4 left, 1 nearest: r1 26 (r1–r4), r2 36, r4 26, r6 730                     → r1 (tie with r4)
        //   3 left, 1 nearest: r2 36 (r2–r4), r4 36, r6 740                            → r2 (tie with r4)
        // e.g. round 1, r3 = (−1, −2): distances 18, 25, 5, 17, 4, 765 → 4 + 5 + 17 + 18 = 44.
        #expect(Aggregation.bulyanSelect(rows, byzantineCount: 1) == [3, 0, 5, 1, 2])
    }

    @Test func selectionMatchesKrumRerunOnTheRemainingRows() {
        // Reference: score the remaining rows afresh with krumScores each round and take the lowest.
        let rows = randomRows(15, 40, seed: 11)
        var remaining = Array(0..<15)
        var expected: [Int] = []
        while expected.count < 15 - 2 * 3 {
            let scores = Aggregation.krumScores(remaining.map { rows[$0] }, byzantineCount: 3)
            let best = scores.indices.min { scores[$0] != scores[$1] ? scores[$0] < scores[$1] : $0 < $1 }!
            expected.append(remaining.remove(at: best))
        }
        #expect(Aggregation.bulyanSelect(rows, byzantineCount: 3) == expected)
    }

    @Test func aggregateAveragesTheValuesClosestToTheMedian() {
        // Selected x: {−3, −2, −1, 2, 3}, median −1: drop 3 (4 away, vs 2), then 2 (3 away, vs 2) → mean −2.
        // Selected y: {−4, −2, −2, 1, 1}, median −2: drop 1 (3 away, vs 2), then 1 (3, vs 2) → (−4−2−2)/3.
        // A symmetric trim of one value at each end would give −1/3 and −1: the window follows the median.
        #expect(Aggregation.bulyan(rows, byzantineCount: 1) == [-2, Float(-8.0 / 3)])
    }

    @Test func equalDistancesFromTheMedianDropTheLargerValue() {
        // {0, 0, 1, −1, 2}, median 0, keep 3: drop 2, then −1 and 1 are both 1 away and 1 goes → (−1+0+0)/3.
        #expect(Aggregation.closestToMedianMean([[0], [0], [1], [-1], [2]], keep: 3, pool: .serial) == [Float(-1.0 / 3)])
    }

    @Test func noByzantineNodesIsThePlainMean() {
        // f = 0: every row is selected and every value kept.
        #expect(Aggregation.bulyan([[1, 0], [2, 4], [6, 8]], byzantineCount: 0) == [3, 4])
    }

    @Test func resultDoesNotDependOnThreadCount() {
        let rows = randomRows(50, 10_000, seed: 6)
        let serial = Aggregation.bulyan(rows, byzantineCount: 5, pool: .serial)
        #expect(Aggregation.bulyan(rows, byzantineCount: 5, pool: ComputePool(threads: 2)) == serial)
    }
}
