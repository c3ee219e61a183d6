import SwiftletTensor

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
    /// The server learning rate η.
    public let learningRate: Double
    /// The first-moment decay β₁, in `[0, 1)`; 0 uses each round's pseudo-gradient as is.
    public let beta1: Double
    /// The adaptivity τ (> 0).
    public let tau: Double
    /// The server's moment estimates.
    public private(set) var moments = AdaptiveMoments()

    /// Creates the strategy.
    ///
    /// - Throws: ``AggregationError/invalidConfiguration(strategy:reason:)`` when η or τ is not positive, or
    ///   β₁ is outside `[0, 1)`.
    public init(learningRate: Double = 0.1, beta1: Double = 0, tau: Double = 1e-9,
                options: StrategyOptions = StrategyOptions()) throws(AggregationError) {
        try HyperparameterCheck.positive(learningRate, "learning rate", strategy: "FedAdagrad")
        try HyperparameterCheck.decayRate(beta1, "beta1", strategy: "FedAdagrad")
        try HyperparameterCheck.positive(tau, "tau", strategy: "FedAdagrad")
        self.learningRate = learningRate
        self.beta1 = beta1
        self.tau = tau
        self.options = options
    }

    public func makeFitAggregator(round: Int, global: ArrayRecord, pool: ComputePool) -> WeightedAverageAggregator {
        WeightedAverageAggregator(count: global.count, pool: pool)
    }

    public mutating func aggregateFit(round: Int, global: ArrayRecord, aggregator: WeightedAverageAggregator,
                                      summaries: [FitSummary], failures: [NodeFailure]) throws(AggregationError) -> FitAggregate {
        guard let average = aggregator.average() else { throw .tooFewUpdates(strategy: name, required: 1, actual: 0) }
        let x = try moments.step(strategy: name, rule: .adagrad, global: global.values, average: average,
                                 learningRate: learningRate, beta1: beta1, beta2: 0, tau: tau, pool: aggregator.pool)
        return FitAggregate(parameters: try! global.with(values: x), metrics: aggregatedFitMetrics(summaries))
    }
}
