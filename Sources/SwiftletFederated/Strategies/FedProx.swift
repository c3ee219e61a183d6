import SwiftletTensor

/// FedProx: FedAvg's aggregation, with clients told to add a proximal term `(μ/2)‖w − x‖²` to their loss.
///
/// Li, Sahu, Zaheer, Sanjabi, Talwalkar, Smith, "Federated Optimization in Heterogeneous Networks",
/// MLSys 2020. The server side is the example-weighted mean of FedAvg; what changes is the config: every fit
/// instruction carries ``proximalMuKey`` (a `double`), which the client's training loop reads to keep its
/// local model near the global one. μ = 0 is FedAvg.
public struct FedProx: Strategy {
    /// The config key of μ, `proximal-mu`: the same key the client's training helper reads.
    public static let proximalMuKey = FitConfigKey.proximalMu

    public var options: StrategyOptions
    public var name: String { "FedProx" }
    /// The proximal coefficient μ (Flower's `proximal_mu`).
    public let proximalMu: Double

    /// Creates the strategy.
    ///
    /// - Throws: ``AggregationError/invalidConfiguration(strategy:reason:)`` when μ is negative or not finite.
    public init(proximalMu: Double, options: StrategyOptions = StrategyOptions()) throws(AggregationError) {
        try HyperparameterCheck.nonNegative(proximalMu, "proximal mu", strategy: "FedProx")
        self.proximalMu = proximalMu
        self.options = options
    }

    /// Every sampled node gets the global parameters and ``StrategyOptions/fitConfig`` plus μ, which
    /// overrides any `proximal-mu` the options' config sets: the strategy's μ is the one it was built with.
    public func configureFit(round: Int, parameters: ArrayRecord, nodes: [NodeID]) -> [NodeID: FitInstruction] {
        let config = options.fitConfig(round).merging([Self.proximalMuKey: .double(proximalMu)])
        let instruction = FitInstruction(round: round, parameters: parameters, config: config)
        return Dictionary(uniqueKeysWithValues: nodes.map { ($0, instruction) })
    }

    public mutating func aggregateFit(round: Int, global: ArrayRecord, aggregator: WeightedAverageAggregator,
                                      summaries: [FitSummary], failures: [NodeFailure]) throws(AggregationError) -> FitAggregate {
        guard let average = aggregator.average() else { throw .tooFewUpdates(strategy: name, required: 1, actual: 0) }
        guard average.allSatisfy(\.isFinite) else { throw .nonFiniteAggregate(strategy: name) }
        return FitAggregate(parameters: try! global.with(values: average), metrics: aggregatedFitMetrics(summaries))
    }
}
