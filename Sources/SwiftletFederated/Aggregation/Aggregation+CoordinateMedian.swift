import SwiftletTensor

extension Aggregation {
    /// The coordinate-wise median of `rows`: per coordinate the middle value, or the mean of the two middle
    /// values when the number of rows is even.
    ///
    /// Yin, Chen, Ramchandran and Bartlett, "Byzantine-Robust Distributed Learning: Towards Optimal
    /// Statistical Rates", ICML 2018 (Flower's `FedMedian`). Unweighted: every row counts once, whatever
    /// its number of examples, so a client cannot buy influence by claiming more data.
    ///
    /// Each group of 16 coordinates runs through one pruned sorting network (``SortingNetwork``) in SIMD
    /// lanes; coordinates are split over `pool`, so the result does not depend on its thread count. Rows
    /// must be non-empty, of equal length and finite.
    public static func coordinateMedian(_ rows: [[Float]], pool: ComputePool = .serial) -> [Float] {
        precondition(!rows.isEmpty, "coordinateMedian: no rows")
        let n = rows.count
        let network = SortingNetwork(count: n, outputs: (n - 1) / 2..<(n / 2 + 1))
        return mapCoordinates(rows, pool: pool, workPerCoordinate: network.comparators.count / 4 + n) { values in
            network.apply(values)
            if n % 2 == 1 { return values[n / 2] }
            // Halving first cannot overflow, and each half is exact, so the sum is rounded once.
            return 0.5 * values[n / 2 - 1] + 0.5 * values[n / 2]
        }
    }
}
