import Testing
@testable import SwiftletFederated
import SwiftletTensor

@Suite struct KrumTests {
    /// Four honest rows around (1, 1) and one at 10⁶.
    ///
    /// Squared distances: r0–r1, r0–r2, r0–r3 = 2; r1–r2, r1–r3 = 4; r2–r3 = 8; r4 to anything ≈ 2·10¹².
    let rows: [[Float]] = [[1, 1], [0, 0], [2, 0], [0, 2], [1e6, 1e6]]

    @Test func pairwiseDistancesAreSquaredEuclidean() {
        // (0,0,0)–(1,2,2): 1+4+4; (0,0,0)–(3,0,4): 9+16; (1,2,2)–(3,0,4): 4+4+4.
        let d = Aggregation.pairwiseSquaredDistances([[0, 0, 0], [1, 2, 2], [3, 0, 4]])
        #expect(d == [0, 9, 25,
                      9, 0, 12,
                      25, 12, 0])
    }

    @Test func pairwiseDistancesMatchADoubleReferenceAcrossBlocks() {
        // 2,500 coordinates: two full 1,024-coordinate blocks and a ragged one; 6 rows: a partial 4-row tile.
        // Small integers keep every partial sum exact, so any summation order gives the same numbers.
        var generator = SeededGenerator(seed: 4)
        let rows = (0..<6).map { _ in (0..<2_500).map { _ in Float(generator.nextInt(below: 11)) - 5 } }
        let d = Aggregation.pairwiseSquaredDistances(rows)
        for i in 0..<6 {
            for j in 0..<6 {
                let reference = zip(rows[i], rows[j]).reduce(0.0) { $0 + Double($1.0 - $1.1) * Double($1.0 - $1.1) }
                #expect(d[i * 6 + j] == reference, "pair \(i), \(j)")
            }
        }
    }

    @Test func scoresSumTheNearestNMinusFMinus2Distances() {
        // f = 1, n = 5: each row's 2 nearest. r0: 2+2; r1: 2+4; r2: 2+4; r3: 2+4.
        let scores = Aggregation.krumScores(rows, byzantineCount: 1)
        #expect(Array(scores[0..<4]) == [4, 6, 6, 6])
        #expect(scores[4] > 3.9e12)
    }

    @Test func krumPicksTheHonestCentreOverAnOutlier() {
        #expect(Aggregation.krumSelect(rows, byzantineCount: 1, selectionCount: 1) == [0])
    }

    @Test func multiKrumTakesTheLowestScoresWithTiesToTheLowerIndex() {
        // Scores 4, 6, 6, 6, ≈4·10¹²: r0 first, then the tied r1, r2, r3 in index order; never r4.
        #expect(Aggregation.krumSelect(rows, byzantineCount: 1, selectionCount: 2) == [0, 1])
        #expect(Aggregation.krumSelect(rows, byzantineCount: 1, selectionCount: 4) == [0, 1, 2, 3])
    }

    @Test func neighbourCountIsAtLeastOne() {
        // n = 3, f = 1: n − f − 2 = 0, clamped to 1. Rows 0, 1, 3: nearest distances 1, 1, 4.
        #expect(Aggregation.krumScores([[0], [1], [3]], byzantineCount: 1) == [1, 1, 4])
    }

    @Test func distancesDoNotDependOnThreadCount() {
        let rows = randomRows(50, 10_000, seed: 5)
        let serial = Aggregation.pairwiseSquaredDistances(rows, pool: .serial)
        #expect(Aggregation.pairwiseSquaredDistances(rows, pool: ComputePool(threads: 2)) == serial)
        #expect(Aggregation.pairwiseSquaredDistances(rows, pool: ComputePool(threads: 3)) == serial)
        #expect(Aggregation.krumSelect(rows, byzantineCount: 5, selectionCount: 10, pool: ComputePool(threads: 2))
            == Aggregation.krumSelect(rows, byzantineCount: 5, selectionCount: 10, pool: .serial))
    }
}
