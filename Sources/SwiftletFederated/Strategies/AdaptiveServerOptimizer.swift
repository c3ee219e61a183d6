import SwiftletTensor

/// The server-side adaptive optimizer FedAdagrad, FedAdam and FedYogi share: hyperparameters and moments.
///
/// Reddi et al., "Adaptive Federated Optimization", ICLR 2021, Algorithm 2: the round's example-weighted
/// mean minus the global model is a pseudo-gradient, and `rule` decides how the second moment follows it.
/// The three strategies differ only in `rule` and defaults, so each is a thin file over this value.
public struct AdaptiveServerOptimizer: Sendable, Equatable {
    /// How the second moment is updated.
    public let rule: AdaptiveRule
    /// The server learning rate η (> 0).
    public let learningRate: Double
    /// The first-moment decay β₁, in `[0, 1)`.
    public let beta1: Double
    /// The second-moment decay β₂, in `[0, 1)` (unused by Adagrad).
    public let beta2: Double
    /// The adaptivity τ (> 0): larger values make the step less adaptive.
    public let tau: Double
    /// The moment estimates.
    public internal(set) var moments = AdaptiveMoments()

    /// Creates the optimizer after checking every hyperparameter, naming `strategy` in errors.
    ///
    /// - Throws: ``AggregationError/invalidConfiguration(strategy:reason:)`` when η or τ is not positive, or
    ///   β₁ or β₂ is outside `[0, 1)`.
    public init(rule: AdaptiveRule, strategy: String, learningRate: Double, beta1: Double, beta2: Double,
                tau: Double) throws(AggregationError) {
        try HyperparameterCheck.positive(learningRate, "learning rate", strategy: strategy)
        try HyperparameterCheck.decayRate(beta1, "beta1", strategy: strategy)
        try HyperparameterCheck.decayRate(beta2, "beta2", strategy: strategy)
        try HyperparameterCheck.positive(tau, "tau", strategy: strategy)
        self.rule = rule
        self.learningRate = learningRate
        self.beta1 = beta1
        self.beta2 = beta2
        self.tau = tau
    }

    /// One server step from `global` towards the mean `aggregator` holds; moments unchanged on error.
    ///
    /// - Throws: ``AggregationError/tooFewUpdates(strategy:required:actual:)`` when nothing was aggregated,
    ///   ``AggregationError/nonFiniteAggregate(strategy:)``, or a model-length change.
    public mutating func step(strategy: String, global: ArrayRecord,
                              aggregator: WeightedAverageAggregator) throws(AggregationError) -> ArrayRecord {
        guard let average = aggregator.average() else { throw .tooFewUpdates(strategy: strategy, required: 1, actual: 0) }
        let x = try moments.step(strategy: strategy, rule: rule, global: global.values, average: average,
                                 learningRate: learningRate, beta1: beta1, beta2: beta2, tau: tau, pool: aggregator.pool)
        return try! global.with(values: x)
    }
}
