import SwiftletTensor

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
    /// The server learning rate η.
    public let learningRate: Double
    /// The first-moment decay β₁, in `[0, 1)`.
    public let beta1: Double
    /// The second-moment rate β₂, in `[0, 1)`: each round moves `v` by at most `(1 − β₂)Δ²`.
    public let beta2: Double
    /// The adaptivity τ (> 0).
    public let tau: Double
    /// The server's moment estimates.
    public private(set) var moments = AdaptiveMoments()

    /// Creates the strategy.
    ///
    /// - Throws: ``AggregationError/invalidConfiguration(strategy:reason:)`` when η or τ is not positive, or
    ///   β₁ or β₂ is outside `[0, 1)`.
    public init(learningRate: Double = 0.01, beta1: Double = 0.9, beta2: Double = 0.99, tau: Double = 1e-3,
                options: StrategyOptions = StrategyOptions()) throws(AggregationError) {
        try HyperparameterCheck.positive(learningRate, "learning rate", strategy: "FedYogi")
        try HyperparameterCheck.decayRate(beta1, "beta1", strategy: "FedYogi")
        try HyperparameterCheck.decayRate(beta2, "beta2", strategy: "FedYogi")
        try HyperparameterCheck.positive(tau, "tau", strategy: "FedYogi")
        self.learningRate = learningRate
        self.beta1 = beta1
        self.beta2 = beta2
        self.tau = tau
        self.options = options
    }

    public func makeFitAggregator(round: Int, global: ArrayRecord, pool: ComputePool) -> WeightedAverageAggregator {
        WeightedAverageAggregator(count: global.count, pool: pool)
    }

    public mutating func aggregateFit(round: Int, global: ArrayRecord, aggregator: WeightedAverageAggregator,
                                      summaries: [FitSummary], failures: [NodeFailure]) throws(AggregationError) -> FitAggregate {
        guard let average = aggregator.average() else { throw .tooFewUpdates(strategy: name, required: 1, actual: 0) }
        let x = try moments.step(strategy: name, rule: .yogi, global: global.values, average: average,
                                 learningRate: learningRate, beta1: beta1, beta2: beta2, tau: tau, pool: aggregator.pool)
        return FitAggregate(parameters: try! global.with(values: x), metrics: aggregatedFitMetrics(summaries))
    }
}
