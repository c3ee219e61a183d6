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
    static func closestToMedianMean(_ rows: [[Float]], keep: Int, pool: ComputePool) -> [Float] {
        let n = rows.count
        precondition(keep >= 1 && keep <= n, "bulyan: keeps \(keep) of \(n) values")
        let network = SortingNetwork(count: n, outputs: 0..<n)
        return mapCoordinates(rows, pool: pool, workPerCoordinate: network.comparators.count / 4 + 4 * n) { values in
            network.apply(values)
            var result = SIMD16<Float>()
            for lane in 0..<16 {
                // Exact in Double: the sum of two floats, halved.
                let median = n % 2 == 1 ? Double(values[n / 2][lane])
                    : (Double(values[n / 2 - 1][lane]) + Double(values[n / 2][lane])) / 2
                var low = 0, high = n - 1
                while high - low + 1 > keep {
                    if median - Double(values[low][lane]) > Double(values[high][lane]) - median { low += 1 } else { high -= 1 }
                }
                var sum = 0.0
                for i in low...high { sum += Double(values[i][lane]) }
                result[lane] = Float(sum / Double(keep))
            }
            return result
        }
    }
}
