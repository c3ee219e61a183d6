/// FedYogi: a Yogi step on the server, whose second moment moves additively towards `Δ²`.
///
/// Reddi et al., "Adaptive Federated Optimization", ICLR 2021, Algorithm 2 (after Zaheer et al. 2018,
/// "Adaptive Methods for Nonconvex Optimization"). Each round, with `avg` the example-weighted mean of the
/// nodes' models and `x` the global model:
///
///     Δ = avg − x;   m ← β₁m + (1 − β₁)Δ
///     v ← v − (1 − β₂)Δ² sign(v − Δ²);   x ← x + η m / (√v + τ)
///
/// Defaults are Flower's `FedYogi` (η = 0.01, β₁ = 0.9, β₂ = 0.99, τ = 10⁻³; `eta_l` is a client setting
/// with no server counterpart). Unlike Adam's, the second moment cannot collapse after one large round,
/// which the paper finds more stable. The moments live in ``moments`` and are kept unchanged by a round
/// that fails.
public struct FedYogi: Strategy {
    public var options: StrategyOptions
    public var name: String { "FedYogi" }
    /// The server optimizer: η, β₁, β₂, τ and the moments.
    public internal(set) var optimizer: AdaptiveServerOptimizer
    /// The server's moment estimates.
    public var moments: AdaptiveMoments { optimizer.moments }

    /// Creates the strategy.
    ///
    /// - Throws: ``AggregationError/invalidConfiguration(strategy:reason:)`` when η or τ is not positive, or
    ///   a β is outside `[0, 1)`.
    public init(learningRate: Double = 0.01, beta1: Double = 0.9, beta2: Double = 0.99, tau: Double = 1e-3,
                options: StrategyOptions = StrategyOptions()) throws(AggregationError) {
        optimizer = try AdaptiveServerOptimizer(rule: .yogi, strategy: "FedYogi", learningRate: learningRate, beta1: beta1,
                                                beta2: beta2, tau: tau)
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
