import SwiftletTensor

/// The new global model is the coordinate-wise trimmed mean of the nodes' models.
///
/// Yin, Chen, Ramchandran and Bartlett, "Byzantine-Robust Distributed Learning: Towards Optimal Statistical
/// Rates", ICML 2018 (Flower's `FedTrimmedAvg`, whose `beta` is ``trimFraction``). Per coordinate the
/// `⌊β·n⌋` smallest and largest values are dropped and the rest averaged, unweighted. Requires
/// `0 ≤ β < 0.5` and at least one update; with few updates `⌊β·n⌋` may be 0, and the round is a plain mean.
/// Keeps every update of the round (``CollectingAggregator``), so a round's memory is O(nodes × model).
public struct FedTrimmedAvg: Strategy {
    public var options: StrategyOptions
    /// The fraction β of values cut at each end of every coordinate.
    public var trimFraction: Double
    public var name: String { "FedTrimmedAvg" }

    /// Creates the strategy; `trimFraction` is checked when a round is aggregated.
    public init(trimFraction: Double = 0.2, options: StrategyOptions = StrategyOptions()) {
        self.trimFraction = trimFraction
        self.options = options
    }

    public func makeFitAggregator(round: Int, global: ArrayRecord, pool: ComputePool) -> CollectingAggregator {
        CollectingAggregator(count: global.count, pool: pool)
    }

    public mutating func aggregateFit(round: Int, global: ArrayRecord, aggregator: CollectingAggregator,
                                      summaries: [FitSummary], failures: [NodeFailure]) throws(AggregationError) -> FitAggregate {
        guard trimFraction >= 0, trimFraction < 0.5 else {
            throw .invalidConfiguration(strategy: name, reason: "trim fraction \(trimFraction) is outside [0, 0.5)")
        }
        guard aggregator.updateCount >= 1 else { throw .tooFewUpdates(strategy: name, required: 1, actual: 0) }
        let mean = Aggregation.trimmedMean(aggregator.parameters, trimFraction: trimFraction, pool: aggregator.pool)
        guard mean.allSatisfy(\.isFinite) else { throw .nonFiniteAggregate(strategy: name) }
        return FitAggregate(parameters: try! global.with(values: mean), metrics: aggregatedFitMetrics(summaries))
    }
}
