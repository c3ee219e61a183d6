/// How a strategy combines the metrics nodes report into one record per round.
///
/// The default, ``weightedAverage``, weights every scalar metric by the reporting node's example count, as
/// Flower's `weighted_average` does: a node with 600 samples counts six times one with 100. Supply a custom
/// function for anything else (medians, per-node breakdowns, fairness measures).
public struct MetricAggregation: Sendable {
    /// Combines `(exampleCount, metrics)` pairs, one per node.
    public let combine: @Sendable ([(exampleCount: Int, metrics: MetricRecord)]) -> MetricRecord

    /// Wraps a custom function.
    public init(_ combine: @escaping @Sendable ([(exampleCount: Int, metrics: MetricRecord)]) -> MetricRecord) {
        self.combine = combine
    }

    /// Example-weighted mean of each scalar metric over the nodes that report it; list metrics are dropped.
    public static let weightedAverage = MetricAggregation { reports in
        var sums: [String: (weighted: Double, weight: Double)] = [:]
        for (count, metrics) in reports where count > 0 {
            for (key, value) in metrics.entries {
                guard let scalar = value.scalar, scalar.isFinite else { continue }
                let current = sums[key] ?? (0, 0)
                sums[key] = (current.weighted + scalar * Double(count), current.weight + Double(count))
            }
        }
        var result = MetricRecord()
        for (key, sum) in sums where sum.weight > 0 { result[key] = .double(sum.weighted / sum.weight) }
        return result
    }

    /// Drops every metric.
    public static let none = MetricAggregation { _ in [:] }
}
