import SwiftletTensor
@testable import SwiftletFederated

/// Drives one strategy through rounds without an engine: build the aggregator, add updates, aggregate.
///
/// Shared by the tests of the averaging-family strategies (FedAvgM, FedProx, FedAdam, FedYogi, FedAdagrad,
/// q-FedAvg, SCAFFOLD), so each test states only its vectors and its hand-computed expectation.
enum AveragingHarness {
    /// A one-array record of `values`.
    static func record(_ values: [Float]) -> ArrayRecord { ArrayRecord(flat: values, name: "w") }

    /// An update from node `node` with `parameters`, weight `examples` and optional metrics and auxiliary vectors.
    static func update(_ node: UInt64, _ parameters: [Float], examples: Int = 1, metrics: MetricRecord = [:],
                       auxiliary: [String: [Float]] = [:]) -> ClientUpdate {
        ClientUpdate(node: NodeID(node), parameters: parameters, exampleCount: examples, metrics: metrics,
                     auxiliary: auxiliary)
    }

    /// Runs one round of `strategy` from `global` over `updates` and returns the new global values.
    static func round<S: Strategy>(_ strategy: inout S, round: Int = 1, global: [Float], updates: [ClientUpdate],
                                   pool: ComputePool = .serial) throws(AggregationError) -> [Float] {
        let record = record(global)
        let aggregator = strategy.makeFitAggregator(round: round, global: record, pool: pool)
        for update in updates { aggregator.add(update) }
        let summaries = updates.map { FitSummary(node: $0.node, exampleCount: $0.exampleCount, metrics: $0.metrics) }
        return try strategy.aggregateFit(round: round, global: record, aggregator: aggregator,
                                         summaries: summaries, failures: []).parameters.values
    }

    /// Whether `a` and `b` agree to within `tolerance` relative to each value's magnitude (at least 1).
    static func close(_ a: [Float], _ b: [Double], tolerance: Double = 1e-5) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { abs(Double($0) - $1) <= tolerance * max(1, abs($1)) }
    }
}
