import SwiftletTensor

/// The new global model is the coordinate-wise median of the nodes' models.
///
/// Yin, Chen, Ramchandran and Bartlett, "Byzantine-Robust Distributed Learning: Towards Optimal Statistical
/// Rates", ICML 2018 (Flower's `FedMedian`). Each coordinate is robust to fewer than half the nodes sending
/// arbitrary values. Unweighted: example counts do not matter, so a node cannot gain influence by claiming
/// more data. Needs at least one update; keeps every update of the round (``CollectingAggregator``), so a
/// round's memory is O(nodes × model).
public struct FedMedian: Strategy {
    public var options: StrategyOptions
    public var name: String { "FedMedian" }

    /// Creates the strategy.
    public init(options: StrategyOptions = StrategyOptions()) {
        self.options = options
    }

    public func makeFitAggregator(round: Int, global: ArrayRecord, pool: ComputePool) -> CollectingAggregator {
        CollectingAggregator(count: global.count, pool: pool)
    }

    public mutating func aggregateFit(round: Int, global: ArrayRecord, aggregator: CollectingAggregator,
                                      summaries: [FitSummary], failures: [NodeFailure]) throws(AggregationError) -> FitAggregate {
        guard aggregator.updateCount >= 1 else { throw .tooFewUpdates(strategy: name, required: 1, actual: 0) }
        let median = Aggregation.coordinateMedian(aggregator.parameters, pool: aggregator.pool)
        guard median.allSatisfy(\.isFinite) else { throw .nonFiniteAggregate(strategy: name) }
        return FitAggregate(parameters: try! global.with(values: median), metrics: aggregatedFitMetrics(summaries))
    }
}
