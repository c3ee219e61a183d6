import SwiftletTensor

extension Aggregation {
    /// The number of values dropped at each end by a trimmed mean of `count` values: `⌊fraction × count⌋`.
    public static func trimCount(fraction: Double, count: Int) -> Int {
        Int((fraction * Double(count)).rounded(.down))
    }

    /// The coordinate-wise trimmed mean of `rows`: per coordinate, drop the `⌊β·n⌋` smallest and the
    /// `⌊β·n⌋` largest of the `n` values and average the rest.
    ///
    /// Yin, Chen, Ramchandran and Bartlett, "Byzantine-Robust Distributed Learning: Towards Optimal
    /// Statistical Rates", ICML 2018; β is Flower's `beta` of `FedTrimmedAvg`. Unweighted. With β = 0 it is
    /// the plain mean; the kept values are summed in `Double`, smallest first (in row order when none are cut).
    ///
    /// Requires `0 ≤ trimFraction < 0.5` and at least one value kept (`2⌊β·n⌋ < n`); rows must be
    /// non-empty, of equal length and finite. Coordinates are split over `pool`; the result does not depend
    /// on its thread count.
    public static func trimmedMean(_ rows: [[Float]], trimFraction: Double, pool: ComputePool = .serial) -> [Float] {
        precondition(!rows.isEmpty, "trimmedMean: no rows")
        precondition(trimFraction >= 0 && trimFraction < 0.5, "trimmedMean: trim fraction \(trimFraction) outside [0, 0.5)")
        let n = rows.count
        let trim = trimCount(fraction: trimFraction, count: n)
        precondition(2 * trim < n, "trimmedMean: trimming \(trim) of \(n) values at each end leaves none")
        let kept = trim..<(n - trim)
        let network = SortingNetwork(count: n, outputs: trim == 0 ? 0..<0 : kept)
        return mapCoordinates(rows, pool: pool, workPerCoordinate: network.comparators.count / 4 + n) { values in
            network.apply(values)
            return laneMean(values, kept)
        }
    }
}
