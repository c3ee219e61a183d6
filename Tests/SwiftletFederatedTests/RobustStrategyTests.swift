import Testing
@testable import SwiftletFederated
import SwiftletTensor

@Suite struct RobustStrategyTests {
    /// A two-array model: `w` of shape [2] and `b` of shape [1].
    let global = try! ArrayRecord(specs: [ArraySpec(name: "w", shape: [2]), ArraySpec(name: "b", shape: [1])],
                                  values: [0, 0, 0])

    func update(_ node: UInt64, _ values: [Float], examples: Int = 10, loss: Double = 1) -> ClientUpdate {
        ClientUpdate(node: NodeID(node), parameters: values, exampleCount: examples, metrics: ["loss": .double(loss)])
    }

    /// Runs one round of `strategy` over `updates` the way the engine does: aggregator, add, aggregate.
    func aggregate<S: Strategy>(_ strategy: inout S, _ updates: [ClientUpdate]) throws(AggregationError) -> FitAggregate {
        let aggregator = strategy.makeFitAggregator(round: 1, global: global, pool: .serial)
        for update in updates { aggregator.add(update) }
        let summaries = updates.map { FitSummary(node: $0.node, exampleCount: $0.exampleCount, metrics: $0.metrics) }
        return try strategy.aggregateFit(round: 1, global: global, aggregator: aggregator, summaries: summaries, failures: [])
    }

    func expectError<S: Strategy>(_ strategy: S, _ updates: [ClientUpdate], _ expected: AggregationError) {
        var strategy = strategy
        #expect(throws: expected) { try aggregate(&strategy, updates) }
    }

    @Test func collectingAggregatorKeepsEveryUpdateInArrivalOrder() {
        let aggregator = CollectingAggregator(count: 3, pool: .serial)
        aggregator.add(update(7, [1, 2, 3], examples: 5))
        aggregator.add(update(3, [4, 5, 6], examples: 9))
        #expect(aggregator.updateCount == 2)
        #expect(aggregator.parameters == [[1, 2, 3], [4, 5, 6]])
        #expect(aggregator.exampleCounts == [5, 9])
        #expect(aggregator.nodes == [7, 3])
    }

    @Test func fedMedianAggregatesEndToEndKeepingTheLayout() throws {
        var strategy = FedMedian()
        let result = try aggregate(&strategy, [update(1, [1, 10, -1], examples: 10, loss: 1),
                                               update(2, [2, 20, -2], examples: 30, loss: 3),
                                               update(3, [900, -900, 900], examples: 60, loss: 2)])
        #expect(result.parameters.values == [2, 10, -1])
        #expect(result.parameters.specs == global.specs)
        // Metrics stay example-weighted: (1·10 + 3·30 + 2·60)/100.
        #expect(result.metrics.scalar("loss") == 2.2)
    }

    @Test func fedTrimmedAvgAggregatesEndToEnd() throws {
        var strategy = FedTrimmedAvg(trimFraction: 0.2)
        // n = 5, one cut per end: {1,2,3,4,100} → 3, {0,0,0,0,−100} → 0, {5,5,6,6,6} → (5+6+6)/3.
        let result = try aggregate(&strategy, [update(1, [1, 0, 5]), update(2, [100, -100, 6]), update(3, [2, 0, 6]),
                                               update(4, [3, 0, 5]), update(5, [4, 0, 6])])
        #expect(result.parameters.values == [3, 0, Float(17.0 / 3)])
    }

    @Test func fedTrimmedAvgRejectsAFractionOfAHalfOrMore() {
        let updates = (1...5).map { update(UInt64($0), [0, 0, 0]) }
        expectError(FedTrimmedAvg(trimFraction: 0.5), updates,
                    .invalidConfiguration(strategy: "FedTrimmedAvg", reason: "trim fraction 0.5 is outside [0, 0.5)"))
        expectError(FedTrimmedAvg(trimFraction: -0.1), updates,
                    .invalidConfiguration(strategy: "FedTrimmedAvg", reason: "trim fraction -0.1 is outside [0, 0.5)"))
    }

    @Test func medianAndTrimmedMeanRejectAnEmptyRound() {
        expectError(FedMedian(), [], .tooFewUpdates(strategy: "FedMedian", required: 1, actual: 0))
        expectError(FedTrimmedAvg(), [], .tooFewUpdates(strategy: "FedTrimmedAvg", required: 1, actual: 0))
    }

    @Test func krumReturnsTheSelectedUpdateAndNamesItsNode() throws {
        var strategy = Krum(byzantineCount: 1)
        let result = try aggregate(&strategy, [update(10, [1, 1, 0]), update(11, [0, 0, 0]), update(12, [2, 0, 0]),
                                               update(13, [0, 2, 0]), update(14, [1e6, 1e6, 0])])
        #expect(result.parameters.values == [1, 1, 0])
        #expect(result.metrics["selected-nodes"] == .ints([10]))
    }

    @Test func multiKrumAveragesTheSelectedUpdatesByExamples() throws {
        var strategy = Krum(byzantineCount: 1, selectionCount: 2)
        // Scores 4, 6, 6, 6, huge → nodes 10 and 11; (10·[1,1,0] + 30·[0,0,0]) / 40 = [0.25, 0.25, 0].
        let result = try aggregate(&strategy, [update(10, [1, 1, 0], examples: 10), update(11, [0, 0, 0], examples: 30),
                                               update(12, [2, 0, 0]), update(13, [0, 2, 0]),
                                               update(14, [1e6, 1e6, 0], examples: 1_000)])
        #expect(result.parameters.values == [0.25, 0.25, 0])
        #expect(result.metrics["selected-nodes"] == .ints([10, 11]))
        #expect(strategy.name == "MultiKrum")
    }

    @Test func krumRejectsTooFewUpdatesForItsByzantineCount() {
        // f = 1 needs n ≥ 2f + 3 = 5.
        let updates = (1...4).map { update(UInt64($0), [0, 0, 0]) }
        expectError(Krum(byzantineCount: 1), updates, .tooFewUpdates(strategy: "Krum", required: 5, actual: 4))
        // Multi-Krum keeping 6 of 5 cannot either.
        let five = (1...5).map { update(UInt64($0), [0, 0, 0]) }
        expectError(Krum(byzantineCount: 1, selectionCount: 6), five, .tooFewUpdates(strategy: "MultiKrum", required: 6, actual: 5))
    }

    @Test func krumRejectsBadSettings() {
        let updates = (1...5).map { update(UInt64($0), [0, 0, 0]) }
        expectError(Krum(byzantineCount: -1), updates,
                    .invalidConfiguration(strategy: "Krum", reason: "Byzantine count -1 is negative"))
        expectError(Krum(byzantineCount: 1, selectionCount: 0), updates,
                    .invalidConfiguration(strategy: "MultiKrum", reason: "selection count 0 is below 1"))
    }

    @Test func bulyanAggregatesEndToEndAndNamesTheSelectedNodes() throws {
        var strategy = Bulyan(byzantineCount: 1)
        // The worked example of BulyanTests, with a constant third coordinate.
        let rows: [[Float]] = [[2, 1, 5], [3, 1, 5], [-2, -4, 5], [-1, -2, 5], [-2, 2, 5], [-3, -2, 5], [20, -20, 5]]
        let result = try aggregate(&strategy, rows.enumerated().map { update(UInt64(100 + $0.offset), $0.element) })
        #expect(result.parameters.values == [-2, Float(-8.0 / 3), 5])
        #expect(result.metrics["selected-nodes"] == .ints([103, 100, 105, 101, 102]))
    }

    @Test func bulyanRejectsTooFewUpdatesAndANegativeCount() {
        // f = 1 needs n ≥ 4f + 3 = 7.
        let six = (1...6).map { update(UInt64($0), [0, 0, 0]) }
        expectError(Bulyan(byzantineCount: 1), six, .tooFewUpdates(strategy: "Bulyan", required: 7, actual: 6))
        expectError(Bulyan(byzantineCount: -2), six,
                    .invalidConfiguration(strategy: "Bulyan", reason: "Byzantine count -2 is negative"))
    }

    @Test func overflowingAggregateIsRefused() {
        // Multi-Krum's example-weighted sum of rows at the largest float overflows: the round is refused
        // rather than the global model set to infinity.
        var strategy = Krum(byzantineCount: 0, selectionCount: 3)
        let big = Float.greatestFiniteMagnitude
        #expect(throws: AggregationError.nonFiniteAggregate(strategy: "MultiKrum")) {
            try aggregate(&strategy, [update(1, [big, 0, 0], examples: 1_000), update(2, [big, 0, 0], examples: 1_000),
                                      update(3, [big, 0, 0], examples: 1_000)])
        }
    }
}
