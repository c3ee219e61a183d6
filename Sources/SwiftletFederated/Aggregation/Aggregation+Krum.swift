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
        let distances = pairwiseSquaredDistances(rows, pool: pool)
        return krumScores(distances: distances, count: rows.count, candidates: Array(0..<rows.count), byzantineCount: f)
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
        return Array(rankedByScore(scores, candidates: Array(0..<rows.count)).prefix(m))
    }

    /// Krum scores of `candidates` against each other only, from a full `count × count` distance matrix.
    static func krumScores(distances: [Double], count n: Int, candidates: [Int], byzantineCount f: Int) -> [Double] {
        let neighbours = max(1, min(candidates.count - f - 2, candidates.count - 1))
        var row = [Double]()
        row.reserveCapacity(candidates.count)
        return candidates.map { i in
            row.removeAll(keepingCapacity: true)
            for j in candidates where j != i { row.append(distances[i * n + j]) }
            row.sort()
            return row.prefix(neighbours).reduce(0, +)
        }
    }

    /// `candidates` ordered by ascending `scores` (parallel arrays), ties by lower index.
    static func rankedByScore(_ scores: [Double], candidates: [Int]) -> [Int] {
        zip(scores, candidates).sorted { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }.map(\.1)
    }
}
