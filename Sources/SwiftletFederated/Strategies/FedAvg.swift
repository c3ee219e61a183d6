import SwiftletTensor

/// Federated Averaging: the new global model is the example-weighted mean of the nodes' models.
///
/// McMahan et al., "Communication-Efficient Learning of Deep Networks from Decentralized Data", AISTATS 2017.
/// Updates are folded into a running sum as they arrive (``WeightedAverageAggregator``), so a round's memory
/// is one model whatever the number of nodes.
public struct FedAvg: Strategy {
    public var options: StrategyOptions
    public var name: String { "FedAvg" }

    /// Creates the strategy.
    public init(options: StrategyOptions = StrategyOptions()) {
        self.options = options
    }

    public mutating func aggregateFit(round: Int, global: ArrayRecord, aggregator: WeightedAverageAggregator,
                                      summaries: [FitSummary], failures: [NodeFailure]) throws(AggregationError) -> FitAggregate {
        guard let average = aggregator.average() else { throw .tooFewUpdates(strategy: name, required: 1, actual: 0) }
        guard average.allSatisfy(\.isFinite) else { throw .nonFiniteAggregate(strategy: name) }
        return FitAggregate(parameters: try! global.with(values: average), metrics: aggregatedFitMetrics(summaries))
    }
}
