import Testing
@testable import SwiftletFederated
import SwiftletTensor

@Suite struct MedianTests {
    @Test func oddCountTakesTheMiddleValue() {
        // Columns {3, 1, 2} → 2 and {−1, 5, 0} → 0.
        #expect(Aggregation.coordinateMedian([[3, -1], [1, 5], [2, 0]]) == [2, 0])
    }

    @Test func evenCountAveragesTheTwoMiddleValues() {
        // Columns {4, 1, 3, 2} → (2 + 3)/2 and {1, 2, 8, 4} → (2 + 4)/2; {0, 0, 0, 7} → 0.
        #expect(Aggregation.coordinateMedian([[4, 1, 0], [1, 2, 0], [3, 8, 7], [2, 4, 0]]) == [2.5, 3, 0])
    }

    @Test func singleRowIsItsOwnMedian() {
        #expect(Aggregation.coordinateMedian([[1.5, -2, 7]]) == [1.5, -2, 7])
    }

    @Test func outlierRowDoesNotMoveTheMedian() {
        // One row at 10⁶ among {0, 1, 2}: the median is 1 (odd) and (1 + 2)/2 once the outlier makes it even.
        #expect(Aggregation.coordinateMedian([[0], [1], [1e6]]) == [1])
        #expect(Aggregation.coordinateMedian([[0], [1], [2], [1e6]]) == [1.5])
    }

    @Test func matchesSortingEachColumnAcrossBlockAndLaneBoundaries() {
        // 300 coordinates: one full 256-coordinate block, two full lane groups and a partial group of 12.
        for n in [5, 6] {
            let rows = randomRows(n, 300, seed: UInt64(n))
            let median = Aggregation.coordinateMedian(rows)
            let expected = (0..<300).map { c -> Float in
                let column = sortedColumn(rows, c)
                return n % 2 == 1 ? column[n / 2] : Float((Double(column[n / 2 - 1]) + Double(column[n / 2])) / 2)
            }
            #expect(median == expected)
        }
    }

    @Test func resultDoesNotDependOnThreadCount() {
        let rows = randomRows(50, 10_000, seed: 1)
        let serial = Aggregation.coordinateMedian(rows, pool: .serial)
        #expect(Aggregation.coordinateMedian(rows, pool: ComputePool(threads: 2)) == serial)
        #expect(Aggregation.coordinateMedian(rows, pool: ComputePool(threads: 3)) == serial)
    }
}
