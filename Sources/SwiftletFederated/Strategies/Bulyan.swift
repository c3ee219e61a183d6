import SwiftletTensor

/// The new global model is Bulyan's aggregate: repeated Krum selection, then a coordinate-wise mean of the
/// values closest to the median.
///
/// El Mhamdi, Guerraoui and Rouault, "The Hidden Vulnerability of Distributed Learning in Byzantium", ICML
/// 2018 (Flower's `Bulyan` with Krum as the selection rule). `θ = n − 2f` updates are chosen by Krum one at a
/// time (``Aggregation/bulyanSelect(_:byzantineCount:pool:)``); per coordinate the `β = θ − 2f` values
/// nearest the median of the chosen are averaged, unweighted. Requires `f ≥ 0` and `n ≥ 4f + 3` updates.
/// The aggregate metrics add `selected-nodes`, the node ids Krum chose, in the order chosen. Keeps every
/// update of the round (``CollectingAggregator``), so a round's memory is O(nodes × model).
public struct Bulyan: Strategy {
    public var options: StrategyOptions
    /// The number `f` of Byzantine nodes tolerated.
    public var byzantineCount: Int
    public var name: String { "Bulyan" }

    /// Creates the strategy; the setting is checked when a round is aggregated.
    public init(byzantineCount: Int, options: StrategyOptions = StrategyOptions()) {
        self.byzantineCount = byzantineCount
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
        let required = 4 * byzantineCount + 3
        guard aggregator.updateCount >= required else {
            throw .tooFewUpdates(strategy: name, required: required, actual: aggregator.updateCount)
        }
        let rows = aggregator.parameters
        let selected = Aggregation.bulyanSelect(rows, byzantineCount: byzantineCount, pool: aggregator.pool)
        let values = Aggregation.closestToMedianMean(selected.map { rows[$0] }, keep: selected.count - 2 * byzantineCount,
                                                     pool: aggregator.pool)
        guard values.allSatisfy(\.isFinite) else { throw .nonFiniteAggregate(strategy: name) }
        var metrics = aggregatedFitMetrics(summaries)
        metrics["selected-nodes"] = .ints(selected.map { Int64(bitPattern: aggregator.nodes[$0].rawValue) })
        return FitAggregate(parameters: try! global.with(values: values), metrics: metrics)
    }
}
