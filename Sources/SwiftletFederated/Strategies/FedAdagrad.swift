/// FedAdagrad: an Adagrad step on the server, dividing by the root of all past squared pseudo-gradients.
///
/// Reddi et al., "Adaptive Federated Optimization", ICLR 2021, Algorithm 2. Each round, with `avg` the
/// example-weighted mean of the nodes' models and `x` the global model:
///
///     Δ = avg − x;   m ← β₁m + (1 − β₁)Δ;   v ← v + Δ²;   x ← x + η m / (√v + τ)
///
/// Defaults are Flower's `FedAdagrad` (η = 0.1, τ = 10⁻⁹, and β₁ = 0, which Flower fixes: `m = Δ`); the
/// paper's Algorithm 2 allows β₁ > 0, so it is a setting here. The moments live in ``moments`` and are kept
/// unchanged by a round that fails.
public struct FedAdagrad: Strategy {
    public var options: StrategyOptions
    public var name: String { "FedAdagrad" }
    /// The server optimizer: η, β₁, τ and the moments.
    public internal(set) var optimizer: AdaptiveServerOptimizer
    /// The server's moment estimates.
    public var moments: AdaptiveMoments { optimizer.moments }

    /// Creates the strategy.
    ///
    /// - Throws: ``AggregationError/invalidConfiguration(strategy:reason:)`` when η or τ is not positive, or
    ///   a β is outside `[0, 1)`.
    public init(learningRate: Double = 0.1, beta1: Double = 0, tau: Double = 1e-9,
                options: StrategyOptions = StrategyOptions()) throws(AggregationError) {
        optimizer = try AdaptiveServerOptimizer(rule: .adagrad, strategy: "FedAdagrad", learningRate: learningRate, beta1: beta1,
                                                beta2: 0, tau: tau)
        self.options = options
    }

    public mutating func aggregateFit(round: Int, global: ArrayRecord, aggregator: WeightedAverageAggregator,
                                      summaries: [FitSummary], failures: [NodeFailure]) throws(AggregationError) -> FitAggregate {
        FitAggregate(parameters: try optimizer.step(strategy: name, global: global, aggregator: aggregator),
                     metrics: aggregatedFitMetrics(summaries))
    }

    /// The moments and step count of ``optimizer``; empty before the first round.
    public func checkpointState() -> StrategyState { optimizer.moments.checkpointState() }

    /// Restores the moments and step count; see ``AdaptiveMoments/restored(from:strategy:)``.
    public mutating func restore(from state: StrategyState) throws(CheckpointError) {
        optimizer.moments = try AdaptiveMoments.restored(from: state, strategy: name)
    }
}
