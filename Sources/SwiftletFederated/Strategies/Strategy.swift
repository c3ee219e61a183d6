import SwiftletTensor

/// A federated optimisation algorithm: what each round sends, and how results become the next global model.
///
/// The counterpart of Flower's `Strategy`, with one change that matters at scale: aggregation is split into
/// ``makeFitAggregator(round:global:pool:)``, which folds results in as they arrive (memory O(model) for
/// averaging strategies), and ``aggregateFit(round:global:aggregator:summaries:failures:)``, which finishes
/// the round. Strategies are values; the round engine owns one and mutates it (server momentum, adaptive
/// moments and control variates are strategy state). The maths behind each strategy are pure functions in
/// `Aggregation/`, tested on their own.
///
/// Everything but the aggregation has a default built on ``options``.
public protocol Strategy: Sendable {
    /// The aggregator type this strategy folds results into.
    associatedtype Aggregator: FitAggregator

    /// A short name for logs and histories (`FedAvg`, `Krum`, …).
    var name: String { get }
    /// Sampling, configs, metric aggregation and central evaluation.
    var options: StrategyOptions { get set }

    /// The starting model, or `nil` to ask a node. Default: ``StrategyOptions/initialParameters``.
    mutating func initializeParameters() -> ArrayRecord?

    /// The instructions of a training round, one per sampled node.
    ///
    /// Default: every sampled node gets the global parameters and ``StrategyOptions/fitConfig``.
    func configureFit(round: Int, parameters: ArrayRecord, nodes: [NodeID]) -> [NodeID: FitInstruction]

    /// Strategy-specific checks of an update beyond the engine's (layout, finiteness, example count); a
    /// non-`nil` reason rejects it. Default: none.
    func validate(_ update: ClientUpdate, round: Int, global: ArrayRecord) -> String?

    /// A fresh aggregator for a round whose global model is `global`. `pool` is where heavy work runs.
    func makeFitAggregator(round: Int, global: ArrayRecord, pool: ComputePool) -> Aggregator

    /// Finishes a round: the new global model and aggregated metrics, from everything added to `aggregator`.
    ///
    /// `summaries` lists the accepted updates in the order they were added; `failures` every node that sent
    /// nothing usable. Throwing keeps the previous global model.
    mutating func aggregateFit(round: Int, global: ArrayRecord, aggregator: Aggregator,
                               summaries: [FitSummary], failures: [NodeFailure]) throws(AggregationError) -> FitAggregate

    /// The instructions of a federated evaluation round. Default: parameters plus ``StrategyOptions/evaluateConfig``.
    func configureEvaluate(round: Int, parameters: ArrayRecord, nodes: [NodeID]) -> [NodeID: EvaluateInstruction]

    /// Combines nodes' evaluations: example-weighted loss and ``StrategyOptions/evaluateMetrics``; `nil` when
    /// there are none.
    func aggregateEvaluate(round: Int, results: [EvaluateSummary], failures: [NodeFailure]) -> Evaluation?

    /// Evaluates the global model centrally. Default: ``StrategyOptions/centralEvaluation``.
    func evaluate(round: Int, parameters: ArrayRecord) async throws -> Evaluation?

    /// What the strategy carries between rounds (momentum, moments, control variates), for a checkpoint.
    /// Default: nothing.
    func checkpointState() -> StrategyState

    /// Replaces the strategy's between-rounds state with `state`, as ``checkpointState()`` produced it.
    ///
    /// All or nothing: on error the strategy is unchanged. Default: only an empty state is accepted.
    ///
    /// - Throws: ``CheckpointError/incompatibleState(strategy:reason:)`` when `state` is not one this
    ///   strategy could have produced (missing or unexpected entries, mismatched lengths, non-finite values).
    mutating func restore(from state: StrategyState) throws(CheckpointError)
}

extension Strategy {
    public mutating func initializeParameters() -> ArrayRecord? { options.initialParameters }

    public func configureFit(round: Int, parameters: ArrayRecord, nodes: [NodeID]) -> [NodeID: FitInstruction] {
        let config = options.fitConfig(round)
        let instruction = FitInstruction(round: round, parameters: parameters, config: config)
        return Dictionary(uniqueKeysWithValues: nodes.map { ($0, instruction) })
    }

    public func validate(_ update: ClientUpdate, round: Int, global: ArrayRecord) -> String? { nil }

    public func configureEvaluate(round: Int, parameters: ArrayRecord, nodes: [NodeID]) -> [NodeID: EvaluateInstruction] {
        let instruction = EvaluateInstruction(round: round, parameters: parameters, config: options.evaluateConfig(round))
        return Dictionary(uniqueKeysWithValues: nodes.map { ($0, instruction) })
    }

    public func aggregateEvaluate(round: Int, results: [EvaluateSummary], failures: [NodeFailure]) -> Evaluation? {
        let weighted = results.filter { $0.result.exampleCount > 0 && $0.result.loss.isFinite }
        let total = weighted.reduce(0) { $0 + $1.result.exampleCount }
        guard total > 0 else { return nil }
        let loss = weighted.reduce(0.0) { $0 + $1.result.loss * Double($1.result.exampleCount) } / Double(total)
        let metrics = options.evaluateMetrics.combine(weighted.map { ($0.result.exampleCount, $0.result.metrics) })
        return Evaluation(loss: loss, metrics: metrics)
    }

    public func evaluate(round: Int, parameters: ArrayRecord) async throws -> Evaluation? {
        guard let evaluator = options.centralEvaluation else { return nil }
        return try await evaluator(round, parameters)
    }

    /// The example-weighted training metrics of `summaries`, through ``StrategyOptions/fitMetrics``.
    public func aggregatedFitMetrics(_ summaries: [FitSummary]) -> MetricRecord {
        options.fitMetrics.combine(summaries.map { ($0.exampleCount, $0.metrics) })
    }
}

extension Strategy where Aggregator == WeightedAverageAggregator {
    /// Strategies built on the example-weighted mean fold results into a ``WeightedAverageAggregator``.
    public func makeFitAggregator(round: Int, global: ArrayRecord, pool: ComputePool) -> WeightedAverageAggregator {
        WeightedAverageAggregator(count: global.count, pool: pool)
    }
}
