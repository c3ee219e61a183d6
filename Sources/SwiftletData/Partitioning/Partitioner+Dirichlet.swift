import SwiftletTensor

extension Partitioner {
    /// Label skew: for every class, that class's samples are spread over the clients in proportions drawn from a
    /// symmetric Dirichlet(α).
    ///
    /// Hsu, Qi and Brown, "Measuring the Effects of Non-Identical Data Distribution for Federated Visual
    /// Classification", arXiv:1909.06335, 2019. Small α (0.1) gives each client a few dominant classes; large α
    /// (100) approaches an IID split. Per class c, its sample indices are shuffled, `p ~ Dir(α)` is drawn over the
    /// clients, and client i receives the run between cut points `⌊n_c · Σ_{j<i} p_j⌋` and `⌊n_c · Σ_{j≤i} p_j⌋`.
    ///
    /// **Small clients.** Like Flower Datasets' `DirichletPartitioner`, the whole draw is repeated while any client
    /// holds fewer than `minimumSize` samples, at most `maxAttempts` times; then the split fails with
    /// ``PartitionError/minimumSizeNotReached(minimum:attempts:smallest:)`` rather than returning empty clients.
    /// Flower's default minimum is 10; here it is 1 (no empty client), which small datasets can meet.
    /// Each client's indices are returned in ascending order.
    ///
    /// - Throws: ``PartitionError`` when `clients < 1`, there are fewer samples than `clients × minimumSize`,
    ///   α is not a positive finite number, a label is negative, or no draw met the minimum.
    public static func dirichlet(labels: [Int32], clients: Int, alpha: Double, minimumSize: Int = 1,
                                 maxAttempts: Int = 10, generator: inout SeededGenerator) throws(PartitionError) -> [[Int]] {
        guard clients >= 1 else { throw .invalidClientCount(clients) }
        guard alpha > 0, alpha.isFinite else { throw .invalidParameter(name: "alpha", value: alpha) }
        guard minimumSize >= 0 else { throw .invalidParameter(name: "minimumSize", value: Double(minimumSize)) }
        guard maxAttempts >= 1 else { throw .invalidParameter(name: "maxAttempts", value: Double(maxAttempts)) }
        let (needed, overflow) = clients.multipliedReportingOverflow(by: Swift.max(minimumSize, 1))
        guard !overflow, labels.count >= needed else {
            throw .tooFewSamples(samples: labels.count, pieces: overflow ? Int.max : needed)
        }
        if let bad = labels.firstIndex(where: { $0 < 0 }) {
            throw .labelOutOfRange(sample: bad, label: Int(labels[bad]), classes: Int(labels.max() ?? 0) + 1)
        }
        let classCount = Int(labels.max() ?? 0) + 1
        var byClass = [[Int]](repeating: [], count: classCount)
        for (index, label) in labels.enumerated() { byClass[Int(label)].append(index) }

        var smallest = 0
        for _ in 0..<maxAttempts {
            var parts = [[Int]](repeating: [], count: clients)
            for var members in byClass where !members.isEmpty {
                generator.shuffle(&members)
                let proportions = generator.nextDirichlet(alpha: alpha, count: clients)
                var cumulative = 0.0, start = 0
                for client in 0..<clients {
                    cumulative += proportions[client]
                    let end = client == clients - 1
                        ? members.count : Swift.min(members.count, Int(Double(members.count) * cumulative))
                    if end > start { parts[client].append(contentsOf: members[start..<end]) }
                    start = Swift.max(start, end)
                }
            }
            smallest = parts.lazy.map(\.count).min() ?? 0
            if smallest >= minimumSize { return parts.map { $0.sorted() } }
        }
        throw .minimumSizeNotReached(minimum: minimumSize, attempts: maxAttempts, smallest: smallest)
    }
}
