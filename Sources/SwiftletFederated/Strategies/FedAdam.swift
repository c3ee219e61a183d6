import SwiftletTensor

/// FedAdam: an Adam step on the server, with the round's mean model change as the pseudo-gradient.
///
/// Reddi et al., "Adaptive Federated Optimization", ICLR 2021, Algorithm 2. Each round, with `avg` the
/// example-weighted mean of the nodes' models and `x` the global model:
///
///     Δ = avg − x;   m ← β₁m + (1 − β₁)Δ;   v ← β₂v + (1 − β₂)Δ²;   x ← x + η m / (√v + τ)
///
/// Defaults are Flower's (η = 0.1, β₁ = 0.9, β₂ = 0.99, τ = 10⁻⁹; Flower's client rate `eta_l` is not
/// used by the server and has no counterpart). Unlike recent Flower releases, the step size has no Adam
/// bias correction: this is the paper's rule. The moments live in ``moments`` and are kept unchanged by a
/// round that fails.
public struct FedAdam: Strategy {
    public var options: StrategyOptions
    public var name: String { "FedAdam" }
    /// The server learning rate η.
    public let learningRate: Double
    /// The first-moment decay β₁, in `[0, 1)`.
    public let beta1: Double
    /// The second-moment decay β₂, in `[0, 1)`.
    public let beta2: Double
    /// The adaptivity τ (> 0): larger values make the step less adaptive.
    public let tau: Double
    /// The server's moment estimates.
    public private(set) var moments = AdaptiveMoments()

    /// Creates the strategy.
    ///
    /// - Throws: ``AggregationError/invalidConfiguration(strategy:reason:)`` when η or τ is not positive, or
    ///   β₁ or β₂ is outside `[0, 1)`.
    public init(learningRate: Double = 0.1, beta1: Double = 0.9, beta2: Double = 0.99, tau: Double = 1e-9,
                options: StrategyOptions = StrategyOptions()) throws(AggregationError) {
        try HyperparameterCheck.positive(learningRate, "learning rate", strategy: "FedAdam")
        try HyperparameterCheck.decayRate(beta1, "beta1", strategy: "FedAdam")
        try HyperparameterCheck.decayRate(beta2, "beta2", strategy: "FedAdam")
        try HyperparameterCheck.positive(tau, "tau", strategy: "FedAdam")
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
        let x = try moments.step(strategy: name, rule: .adam, global: global.values, average: average,
                                 learningRate: learningRate, beta1: beta1, beta2: beta2, tau: tau, pool: aggregator.pool)
        return FitAggregate(parameters: try! global.with(values: x), metrics: aggregatedFitMetrics(summaries))
    }
}
