import SwiftletTensor

/// Federated Averaging with server momentum: SGD with momentum on the round's pseudo-gradient.
///
/// Hsu, Qi, Brown, "Measuring the Effects of Non-Identical Data Distribution for Federated Visual
/// Classification", 2019. Each round, with `avg` the example-weighted mean of the nodes' models:
///
///     Δ = x − avg;   v ← β v + Δ;   x ← x − η v
///
/// as Flower's `FedAvgM` (`server_learning_rate` η, default 1; `server_momentum` β, default 0): the first
/// round's velocity is `Δ` itself, and with the defaults the strategy is exactly FedAvg. The velocity lives
/// in the strategy value and is kept unchanged by a round that fails.
public struct FedAvgM: Strategy {
    public var options: StrategyOptions
    public var name: String { "FedAvgM" }
    /// The server learning rate η.
    public let serverLearningRate: Double
    /// The server momentum β, in `[0, 1)`.
    public let serverMomentum: Double
    /// The velocity `v`; empty before the first round is aggregated.
    public internal(set) var velocity: [Float] = []

    /// Creates the strategy.
    ///
    /// - Throws: ``AggregationError/invalidConfiguration(strategy:reason:)`` when η is not positive or β is
    ///   outside `[0, 1)`.
    public init(serverLearningRate: Double = 1, serverMomentum: Double = 0,
                options: StrategyOptions = StrategyOptions()) throws(AggregationError) {
        try HyperparameterCheck.positive(serverLearningRate, "server learning rate", strategy: "FedAvgM")
        try HyperparameterCheck.decayRate(serverMomentum, "server momentum", strategy: "FedAvgM")
        self.serverLearningRate = serverLearningRate
        self.serverMomentum = serverMomentum
        self.options = options
    }

    public mutating func aggregateFit(round: Int, global: ArrayRecord, aggregator: WeightedAverageAggregator,
                                      summaries: [FitSummary], failures: [NodeFailure]) throws(AggregationError) -> FitAggregate {
        guard let average = aggregator.average() else { throw .tooFewUpdates(strategy: name, required: 1, actual: 0) }
        let metrics = aggregatedFitMetrics(summaries)
        // Flower skips the server optimizer entirely with these settings; so do we, to return the average exactly.
        if serverLearningRate == 1, serverMomentum == 0 {
            guard average.allSatisfy(\.isFinite) else { throw .nonFiniteAggregate(strategy: name) }
            return FitAggregate(parameters: try! global.with(values: average), metrics: metrics)
        }
        var v = velocity.isEmpty ? [Float](repeating: 0, count: global.count) : velocity
        try HyperparameterCheck.stateLength(v.count, model: global.count, "server velocity", strategy: name)
        var x = global.values
        x.withUnsafeMutableBufferPointer { x in
            v.withUnsafeMutableBufferPointer { v in
                average.withUnsafeBufferPointer { average in
                    Aggregation.momentumStep(average: average.baseAddress!, global: x.baseAddress!, velocity: v.baseAddress!,
                                             count: x.count, learningRate: Float(serverLearningRate),
                                             momentum: Float(serverMomentum), pool: aggregator.pool)
                }
            }
        }
        guard x.allSatisfy(\.isFinite), v.allSatisfy(\.isFinite) else { throw .nonFiniteAggregate(strategy: name) }
        velocity = v
        return FitAggregate(parameters: try! global.with(values: x), metrics: metrics)
    }
}
