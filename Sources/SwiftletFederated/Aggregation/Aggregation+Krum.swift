import SwiftletTensor

extension Aggregation {
    /// Krum's score of every row: the sum of its squared distances to its `n − f − 2` nearest other rows.
    ///
    /// Blanchard, El Mhamdi, Guerraoui and Stainer, "Machine Learning with Adversaries: Byzantine Tolerant
    /// Gradient Descent", NeurIPS 2017. An honest update sits among the other honest ones, so its nearest
    /// neighbours are close; an outlier's are far. Krum's guarantee needs `n > 2f + 2`; below that the
    /// neighbour count is clamped to at least one (as Flower does), which Bulyan's shrinking candidate sets
    /// rely on. Distances come from ``pairwiseSquaredDistances(_:pool:)``; each score sums its neighbours
    /// nearest first, in `Double`.
    public static func krumScores(_ rows: [[Float]], byzantineCount f: Int, pool: ComputePool = .serial) -> [Double] {
        precondition(f >= 0, "krumScores: negative Byzantine count \(f)")
        let n = rows.count
        let distances = pairwiseSquaredDistances(rows, pool: pool)
        let neighbours = max(1, min(n - f - 2, n - 1))
        var row = [Double]()
        row.reserveCapacity(n)
        return (0..<n).map { i in
            row.removeAll(keepingCapacity: true)
            for j in 0..<n where j != i { row.append(distances[i * n + j]) }
            row.sort()
            return row.prefix(neighbours).reduce(0, +)
        }
    }

    /// The indices of the `m` rows with the lowest Krum scores, best first, ties broken by lower index.
    ///
    /// `m = 1` is Krum (Blanchard et al. 2017); `m > 1` is Multi-Krum (El Mhamdi, Guerraoui and Rouault,
    /// "The Hidden Vulnerability of Distributed Learning in Byzantium", ICML 2018), whose aggregate averages
    /// the selected rows. Requires `1 ≤ m ≤ n`.
    public static func krumSelect(_ rows: [[Float]], byzantineCount: Int, selectionCount m: Int,
                                  pool: ComputePool = .serial) -> [Int] {
        precondition(m >= 1 && m <= rows.count, "krumSelect: selection count \(m) outside 1...\(rows.count)")
        let scores = krumScores(rows, byzantineCount: byzantineCount, pool: pool)
        let ranked = scores.indices.sorted { scores[$0] != scores[$1] ? scores[$0] < scores[$1] : $0 < $1 }
        return Array(ranked.prefix(m))
    }
}
