import SwiftletTensor

extension Aggregation {
    /// The `θ = n − 2f` rows Bulyan keeps, in the order Krum picked them.
    ///
    /// El Mhamdi, Guerraoui and Rouault, "The Hidden Vulnerability of Distributed Learning in Byzantium",
    /// ICML 2018: Krum is applied repeatedly, each pick removed from the candidates before the next, scores
    /// recomputed over the remaining candidates only (from one distance matrix). Requires `n ≥ 4f + 3`.
    public static func bulyanSelect(_ rows: [[Float]], byzantineCount f: Int, pool: ComputePool = .serial) -> [Int] {
        precondition(f >= 0 && rows.count >= 4 * f + 3, "bulyan: needs n ≥ 4f + 3, got n = \(rows.count), f = \(f)")
        let n = rows.count
        let distances = pairwiseSquaredDistances(rows, pool: pool)
        // Each row's others, nearest first, sorted once: a round's score is then the first `k` entries still
        // in the candidate set — the same values summed in the same order as a fresh Krum score, without
        // re-sorting n lists every round (O(n³) in all instead of O(n³ log n)).
        let nearest: [[Int]] = (0..<n).map { i in
            func closer(_ a: Int, _ b: Int) -> Bool {
                let da = distances[i * n + a], db = distances[i * n + b]
                return da != db ? da < db : a < b
            }
            return (0..<n).filter { $0 != i }.sorted(by: closer)
        }
        var remaining = [Bool](repeating: true, count: n)
        var selected: [Int] = []
        for candidates in stride(from: n, to: 2 * f, by: -1) {
            let k = max(1, min(candidates - f - 2, candidates - 1))
            var best = -1, bestScore = Double.infinity
            for i in 0..<n where remaining[i] {
                var score = 0.0, taken = 0
                for j in nearest[i] where remaining[j] {
                    guard taken < k else { break }
                    score += distances[i * n + j]
                    taken += 1
                }
                // Strictly lower wins, so ties go to the lower index.
                if best < 0 || score < bestScore { best = i; bestScore = score }
            }
            selected.append(best)
            remaining[best] = false
        }
        return selected
    }

    /// Bulyan: select `θ = n − 2f` rows by repeated Krum, then per coordinate average the `β = θ − 2f` of
    /// their values closest to their median.
    ///
    /// El Mhamdi, Guerraoui and Rouault, "The Hidden Vulnerability of Distributed Learning in Byzantium",
    /// ICML 2018. Krum alone can be steered one coordinate at a time by an attacker that stays close in
    /// Euclidean distance; the coordinate-wise step bounds every coordinate too. Requires `n ≥ 4f + 3`.
    /// Unweighted. The median of an even count is the mean of the two middle values; the `β` closest values
    /// are found by dropping the farther of the smallest and largest remaining value `2f` times (the larger
    /// one on an exact tie), and summed in `Double`. Coordinates are split over `pool`; the result does not
    /// depend on its thread count.
    public static func bulyan(_ rows: [[Float]], byzantineCount f: Int, pool: ComputePool = .serial) -> [Float] {
        let selection = bulyanSelect(rows, byzantineCount: f, pool: pool)
        return closestToMedianMean(selection.map { rows[$0] }, keep: selection.count - 2 * f, pool: pool)
    }

    /// Per coordinate, the mean of the `keep` values of `rows` closest to their median (Bulyan's second step).
    ///
    /// Dropping the farther end `n − keep` times is a merge of the two ends by distance, so the kept window
    /// of the sorted values starts at `s = #{i < n − keep : v[i] + v[i + keep] < 2·median}` (the left side
    /// is non-decreasing in `i`). That count needs no per-lane branching: the whole step runs in SIMD lanes,
    /// compared and summed in `Double` (sums of two floats are exact there), the kept values smallest first.
    static func closestToMedianMean(_ rows: [[Float]], keep: Int, pool: ComputePool) -> [Float] {
        let n = rows.count
        precondition(keep >= 1 && keep <= n, "bulyan: keeps \(keep) of \(n) values")
        let network = SortingNetwork(count: n, outputs: 0..<n)
        typealias Half = SIMD8<Double>
        func halves(_ v: SIMD16<Float>) -> (Half, Half) { (Half(v.lowHalf), Half(v.highHalf)) }
        return mapCoordinates(rows, pool: pool, workPerCoordinate: network.comparators.count / 4 + n) { values in
            network.apply(values)
            let (upperLow, upperHigh) = halves(values[n / 2])
            let (lowerLow, lowerHigh) = n % 2 == 1 ? (upperLow, upperHigh) : halves(values[n / 2 - 1])
            let twiceMedianLow = lowerLow + upperLow, twiceMedianHigh = lowerHigh + upperHigh
            var startLow = SIMD8<Int64>(), startHigh = SIMD8<Int64>()
            for i in 0..<(n - keep) {
                let (a, b) = halves(values[i]), (c, d) = halves(values[i + keep])
                startLow &+= SIMD8<Int64>().replacing(with: 1, where: a + c .< twiceMedianLow)
                startHigh &+= SIMD8<Int64>().replacing(with: 1, where: b + d .< twiceMedianHigh)
            }
            let endLow = startLow &+ Int64(keep), endHigh = startHigh &+ Int64(keep)
            var sumLow = Half(), sumHigh = Half()
            for i in 0..<n {
                let index = SIMD8<Int64>(repeating: Int64(i))
                let (a, b) = halves(values[i])
                sumLow += a.replacing(with: 0, where: (index .< startLow) .| (index .>= endLow))
                sumHigh += b.replacing(with: 0, where: (index .< startHigh) .| (index .>= endHigh))
            }
            let scale = 1 / Double(keep)
            return SIMD16<Float>(lowHalf: SIMD8<Float>(sumLow * scale), highHalf: SIMD8<Float>(sumHigh * scale))
        }
    }
}
