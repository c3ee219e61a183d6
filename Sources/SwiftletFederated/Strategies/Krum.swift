import SwiftletTensor

/// The new global model is the update closest to its neighbours (Krum), or the example-weighted mean of the
/// `m` closest (Multi-Krum).
///
/// Blanchard, El Mhamdi, Guerraoui and Stainer, "Machine Learning with Adversaries: Byzantine Tolerant
/// Gradient Descent", NeurIPS 2017; Multi-Krum from El Mhamdi, Guerraoui and Rouault, ICML 2018. Each update
/// is scored by its summed squared distance to its `n − f − 2` nearest others
/// (``Aggregation/krumScores(_:byzantineCount:pool:)``). With ``selectionCount`` 1 the best update becomes
/// the model as sent; above 1 the selected updates are averaged weighted by their example counts, as
/// Flower's `Krum` with `num_clients_to_keep` does. Requires `f ≥ 0`, `m ≥ 1` and `n ≥ max(2f + 3, m)`
/// updates. The aggregate metrics add `selected-nodes`, the chosen node ids best first. Keeps every update
/// of the round (``CollectingAggregator``), so a round's memory is O(nodes × model).
public struct Krum: Strategy {
    public var options: StrategyOptions
    /// The number `f` of Byzantine nodes tolerated.
    public var byzantineCount: Int
    /// The number `m` of updates kept (1 = Krum, more = Multi-Krum).
    public var selectionCount: Int
    public var name: String { selectionCount == 1 ? "Krum" : "MultiKrum" }

    /// Creates the strategy; the settings are checked when a round is aggregated.
    public init(byzantineCount: Int, selectionCount: Int = 1, options: StrategyOptions = StrategyOptions()) {
        self.byzantineCount = byzantineCount
        self.selectionCount = selectionCount
        self.options = options
    }

    public func makeFitAggregator(round: Int, global: ArrayRecord, pool: ComputePool) -> CollectingAggregator {
        CollectingAggregator(count: global.count, pool: pool)
    }

    public mutating func aggregateFit(round: Int, global: ArrayRecord, aggregator: CollectingAggregator,
                                      summaries: [FitSummary], failures: [NodeFailure]) throws(AggregationError) -> FitAggregate {
        guard byzantineCount >= 0 else {
            throw .invalidConfiguration(strategy: name, reason: "Byzantine count \(byzantineCount) is negative")
        }
        guard selectionCount >= 1 else {
            throw .invalidConfiguration(strategy: name, reason: "selection count \(selectionCount) is below 1")
        }
        let required = max(2 * byzantineCount + 3, selectionCount)
        guard aggregator.updateCount >= required else {
            throw .tooFewUpdates(strategy: name, required: required, actual: aggregator.updateCount)
        }
        let selected = Aggregation.krumSelect(aggregator.parameters, byzantineCount: byzantineCount,
                                              selectionCount: selectionCount, pool: aggregator.pool)
        let values: [Float]
        if selected.count == 1 {
            values = aggregator.parameters[selected[0]]
        } else {
            let average = WeightedAverageAggregator(count: aggregator.count, pool: aggregator.pool)
            for index in selected { average.add(aggregator.parameters[index], weight: aggregator.exampleCounts[index]) }
            values = average.average()!
        }
        guard values.allSatisfy(\.isFinite) else { throw .nonFiniteAggregate(strategy: name) }
        var metrics = aggregatedFitMetrics(summaries)
        metrics["selected-nodes"] = .ints(selected.map { Int64(bitPattern: aggregator.nodes[$0].rawValue) })
        return FitAggregate(parameters: try! global.with(values: values), metrics: metrics)
    }
}
