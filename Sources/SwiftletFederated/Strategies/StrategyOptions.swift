import SwiftletTensor

/// Evaluates a global model on the server's own data (Flower's `evaluate_fn`).
///
/// Called with the round (0 for the initial model) and the parameters; returns `nil` to skip the round.
public typealias CentralEvaluator = @Sendable (_ round: Int, _ parameters: ArrayRecord) async throws -> Evaluation?

/// The settings every strategy shares: sampling, per-round configs, metric aggregation, central evaluation.
///
/// Flower repeats these arguments in every strategy's constructor; Swiftlet keeps them in one value that each
/// strategy holds as ``Strategy/options``, so a strategy file contains only its own maths.
public struct StrategyOptions: Sendable {
    /// Which nodes train each round.
    public var fitSampling: SamplingPolicy
    /// Which nodes evaluate in federated evaluation rounds.
    public var evaluateSampling: SamplingPolicy
    /// The config sent with each round's fit instructions (Flower's `on_fit_config_fn`).
    public var fitConfig: @Sendable (_ round: Int) -> ConfigRecord
    /// The config sent with each round's evaluate instructions.
    public var evaluateConfig: @Sendable (_ round: Int) -> ConfigRecord
    /// How training metrics combine.
    public var fitMetrics: MetricAggregation
    /// How evaluation metrics combine.
    public var evaluateMetrics: MetricAggregation
    /// Server-side evaluation, if any.
    public var centralEvaluation: CentralEvaluator?
    /// The starting model; when `nil` the engine asks one node for its parameters.
    public var initialParameters: ArrayRecord?

    /// Creates options; the defaults sample every available node (at least two) and average metrics by examples.
    public init(
        fitSampling: SamplingPolicy = SamplingPolicy(),
        evaluateSampling: SamplingPolicy = SamplingPolicy(),
        fitConfig: @escaping @Sendable (_ round: Int) -> ConfigRecord = { _ in [:] },
        evaluateConfig: @escaping @Sendable (_ round: Int) -> ConfigRecord = { _ in [:] },
        fitMetrics: MetricAggregation = .weightedAverage,
        evaluateMetrics: MetricAggregation = .weightedAverage,
        centralEvaluation: CentralEvaluator? = nil,
        initialParameters: ArrayRecord? = nil
    ) {
        self.fitSampling = fitSampling
        self.evaluateSampling = evaluateSampling
        self.fitConfig = fitConfig
        self.evaluateConfig = evaluateConfig
        self.fitMetrics = fitMetrics
        self.evaluateMetrics = evaluateMetrics
        self.centralEvaluation = centralEvaluation
        self.initialParameters = initialParameters
    }
}
