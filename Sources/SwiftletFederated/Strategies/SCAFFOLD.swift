import SwiftletTensor

/// SCAFFOLD: control variates that correct each node's drift towards its own optimum.
///
/// Karimireddy, Kale, Mohri, Reddi, Stich, Suresh, "SCAFFOLD: Stochastic Controlled Averaging for
/// Federated Learning", ICML 2020, Algorithm 1. The server keeps a control variate `c` (zeros at first, the
/// model's length) and sends it with every fit instruction as the auxiliary array ``controlKey`` plus
/// config ``enabledKey`` = true. A node trains with the corrected gradient `g − c_i + c`, and returns its
/// model `y_i` and `Δc_i = c_i⁺ − c_i` as the auxiliary array ``controlDeltaKey``. With `S` the nodes
/// whose updates were accepted and `N` = ``nodeCount``:
///
///     x ← x + η_g · (1/|S|) Σ_{i∈S} (y_i − x)
///     c ← c + (|S|/N) · (1/|S|) Σ_{i∈S} Δc_i
///
/// Means are unweighted, as in the paper. Flower does not ship SCAFFOLD. Sums stream through
/// ``ScaffoldAggregator``; the control variate lives in the strategy value and is kept unchanged by a
/// round that fails.
public struct SCAFFOLD: Strategy {
    /// The auxiliary array carrying the server control variate `c` to nodes, `scaffold.control`.
    public static let controlKey = AuxiliaryKey.scaffoldControl
    /// The auxiliary array carrying a node's `Δc_i` back, `scaffold.control-delta`.
    public static let controlDeltaKey = AuxiliaryKey.scaffoldControlDelta
    /// The config flag telling a client to train with SCAFFOLD's correction, `scaffold`.
    public static let enabledKey = FitConfigKey.scaffold

    public var options: StrategyOptions
    public var name: String { "SCAFFOLD" }
    /// `N`, the number of nodes in the federation (`|S|/N` scales the control update).
    public let nodeCount: Int
    /// The global learning rate η_g (1 in the paper's experiments).
    public let serverLearningRate: Double
    /// The server control variate `c`; empty until the first round is aggregated (then zeros are implied).
    public internal(set) var control: [Float] = []

    /// Creates the strategy for a federation of `nodeCount` nodes.
    ///
    /// - Throws: ``AggregationError/invalidConfiguration(strategy:reason:)`` when `nodeCount` or η_g is not positive.
    public init(nodeCount: Int, serverLearningRate: Double = 1,
                options: StrategyOptions = StrategyOptions()) throws(AggregationError) {
        guard nodeCount > 0 else {
            throw .invalidConfiguration(strategy: "SCAFFOLD", reason: "node count must be > 0, got \(nodeCount)")
        }
        try HyperparameterCheck.positive(serverLearningRate, "server learning rate", strategy: "SCAFFOLD")
        self.nodeCount = nodeCount
        self.serverLearningRate = serverLearningRate
        self.options = options
    }

    /// The control variate as a record shaped like `parameters` (zeros before the first round).
    public func controlRecord(like parameters: ArrayRecord) -> ArrayRecord {
        control.count == parameters.count ? try! parameters.with(values: control) : parameters.zeroed()
    }

    /// Every sampled node gets the global parameters, ``StrategyOptions/fitConfig`` plus ``enabledKey`` =
    /// true, and `c` as the auxiliary array ``controlKey``.
    public func configureFit(round: Int, parameters: ArrayRecord, nodes: [NodeID]) -> [NodeID: FitInstruction] {
        let config = options.fitConfig(round).merging([Self.enabledKey: .bool(true)])
        let instruction = FitInstruction(round: round, parameters: parameters, config: config,
                                         auxiliary: [Self.controlKey: controlRecord(like: parameters)])
        return Dictionary(uniqueKeysWithValues: nodes.map { ($0, instruction) })
    }

    /// Rejects an update without ``controlDeltaKey`` or whose delta is not the model's length.
    public func validate(_ update: ClientUpdate, round: Int, global: ArrayRecord) -> String? {
        guard let delta = update.auxiliary[Self.controlDeltaKey] else {
            return "auxiliary array '\(Self.controlDeltaKey)' is missing; SCAFFOLD needs each node's control-variate delta"
        }
        guard delta.count == global.count else {
            return "auxiliary array '\(Self.controlDeltaKey)' has \(delta.count) values, expected \(global.count)"
        }
        return nil
    }

    public func makeFitAggregator(round: Int, global: ArrayRecord, pool: ComputePool) -> ScaffoldAggregator {
        ScaffoldAggregator(global: global.values, pool: pool)
    }

    public mutating func aggregateFit(round: Int, global: ArrayRecord, aggregator: ScaffoldAggregator,
                                      summaries: [FitSummary], failures: [NodeFailure]) throws(AggregationError) -> FitAggregate {
        let received = aggregator.updateCount
        guard received > 0 else { throw .tooFewUpdates(strategy: name, required: 1, actual: 0) }
        guard received <= nodeCount else {
            throw .invalidConfiguration(strategy: name,
                                        reason: "\(received) updates arrived from a federation of node count \(nodeCount)")
        }
        var c = control.isEmpty ? [Float](repeating: 0, count: global.count) : control
        try HyperparameterCheck.stateLength(c.count, model: global.count, "server control variate", strategy: name)
        var x = global.values
        x.withUnsafeMutableBufferPointer { x in
            c.withUnsafeMutableBufferPointer { c in
                Aggregation.scaffoldStep(global: x.baseAddress!, control: c.baseAddress!,
                                         modelDeltaSum: aggregator.modelDeltaSum.baseAddress,
                                         controlDeltaSum: aggregator.controlDeltaSum.baseAddress,
                                         count: x.count, updateCount: received, nodeCount: nodeCount,
                                         learningRate: Float(serverLearningRate), pool: aggregator.pool)
            }
        }
        guard x.allSatisfy(\.isFinite), c.allSatisfy(\.isFinite) else { throw .nonFiniteAggregate(strategy: name) }
        control = c
        return FitAggregate(parameters: try! global.with(values: x), metrics: aggregatedFitMetrics(summaries))
    }
}
