import SwiftletTensor

/// q-FedAvg: fair aggregation that gives nodes with a higher loss more say, tuned by the exponent q.
///
/// Li, Sanjabi, Beirami, Smith, "Fair Resource Allocation in Federated Learning", ICLR 2020 (the q-FFL
/// objective `Σ p_k F_k^(q+1) / (q+1)`, minimised by q-FedAvg). With `L = 1 / learningRate` and `F_k` node
/// k's loss on the model it received:
///
///     Δw_k = L(x − w_k);   Δ_k = F_k^q Δw_k;   h_k = q F_k^(q−1) ‖Δw_k‖² + L F_k^q
///     x ← x − Σ_k Δ_k / Σ_k h_k
///
/// q = 0 reduces to the unweighted mean of the nodes' models; larger q pushes the model towards the worst
/// served nodes. Each node reports `F_k` as the metric ``initialLossMetric``, which ``configureFit(round:parameters:nodes:)``
/// requests with config key ``reportInitialLossKey`` = true; updates without a finite, non-negative loss are
/// rejected by ``validate(_:round:global:)``. Unlike Flower's `QFedAvg`, which uses one central loss for
/// every node, each node's own loss is used, as in the paper. Defaults are Flower's (q = 0.2, learning rate
/// 0.1). Sums stream through ``QFedAvgAggregator``: memory O(model), whatever the number of nodes.
public struct QFedAvg: Strategy {
    /// The config key asking a client to measure and report its loss on the received model, `report-initial-loss`.
    public static let reportInitialLossKey = FitConfigKey.reportInitialLoss
    /// The metric carrying that loss, `initial-loss`.
    public static let initialLossMetric = MetricKey.initialLoss

    public var options: StrategyOptions
    public var name: String { "QFedAvg" }
    /// The fairness exponent q (≥ 0; Flower's `q_param`).
    public let q: Double
    /// The learning rate whose inverse is the Lipschitz estimate L (Flower's `qffl_learning_rate`).
    public let learningRate: Double

    /// Creates the strategy.
    ///
    /// - Throws: ``AggregationError/invalidConfiguration(strategy:reason:)`` when q is negative or the
    ///   learning rate is not positive.
    public init(q: Double = 0.2, learningRate: Double = 0.1,
                options: StrategyOptions = StrategyOptions()) throws(AggregationError) {
        try HyperparameterCheck.nonNegative(q, "q", strategy: "QFedAvg")
        try HyperparameterCheck.positive(learningRate, "learning rate", strategy: "QFedAvg")
        self.q = q
        self.learningRate = learningRate
        self.options = options
    }

    /// Every sampled node gets the global parameters and ``StrategyOptions/fitConfig`` plus
    /// ``reportInitialLossKey`` = true.
    public func configureFit(round: Int, parameters: ArrayRecord, nodes: [NodeID]) -> [NodeID: FitInstruction] {
        let config = options.fitConfig(round).merging([Self.reportInitialLossKey: .bool(true)])
        let instruction = FitInstruction(round: round, parameters: parameters, config: config)
        return Dictionary(uniqueKeysWithValues: nodes.map { ($0, instruction) })
    }

    /// Rejects an update whose ``initialLossMetric`` is missing, a list, negative or not finite.
    public func validate(_ update: ClientUpdate, round: Int, global: ArrayRecord) -> String? {
        guard let value = update.metrics[Self.initialLossMetric] else {
            return "metric '\(Self.initialLossMetric)' is missing; q-FedAvg needs each node's loss on the received model"
        }
        guard let loss = value.scalar else { return "metric '\(Self.initialLossMetric)' is a list, expected a number" }
        guard loss.isFinite, loss >= 0 else {
            return "metric '\(Self.initialLossMetric)' is \(loss), expected a finite number ≥ 0"
        }
        return nil
    }

    public func makeFitAggregator(round: Int, global: ArrayRecord, pool: ComputePool) -> QFedAvgAggregator {
        QFedAvgAggregator(global: global.values, q: q, learningRate: learningRate, pool: pool)
    }

    public mutating func aggregateFit(round: Int, global: ArrayRecord, aggregator: QFedAvgAggregator,
                                      summaries: [FitSummary], failures: [NodeFailure]) throws(AggregationError) -> FitAggregate {
        guard let x = aggregator.step() else { throw .tooFewUpdates(strategy: name, required: 1, actual: 0) }
        guard x.allSatisfy(\.isFinite) else { throw .nonFiniteAggregate(strategy: name) }
        return FitAggregate(parameters: try! global.with(values: x), metrics: aggregatedFitMetrics(summaries))
    }
}
