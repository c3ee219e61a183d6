import Testing
import SwiftletTensor
@testable import SwiftletFederated

@Suite struct SCAFFOLDTests {
    typealias H = AveragingHarness

    static func update(_ node: UInt64, _ model: [Float], controlDelta: [Float], examples: Int = 1) -> ClientUpdate {
        H.update(node, model, examples: examples, auxiliary: [SCAFFOLD.controlDeltaKey: controlDelta])
    }

    /// Round 1 from x = [1, 2], c = 0: y − x = [1, 0] and [−1, 2]; Δc = [1, −1] and [3, 1]. Example counts differ
    /// to show that SCAFFOLD's means are unweighted.
    static let firstRound = [update(1, [2, 2], controlDelta: [1, -1], examples: 5),
                             update(2, [0, 4], controlDelta: [3, 1], examples: 1)]

    @Test func keysAreTheClientsKeys() {
        #expect(SCAFFOLD.controlKey == "scaffold.control")
        #expect(SCAFFOLD.controlDeltaKey == "scaffold.control-delta")
        #expect(SCAFFOLD.enabledKey == "scaffold")
    }

    @Test func firstInstructionsCarryAZeroControlShapedLikeTheModel() throws {
        let strategy = try SCAFFOLD(nodeCount: 4)
        let global = try ArrayRecord(specs: [ArraySpec(name: "fc.weight", shape: [2, 2]), ArraySpec(name: "fc.bias", shape: [2])],
                                     values: [1, 2, 3, 4, 5, 6])
        let instruction = try #require(strategy.configureFit(round: 1, parameters: global, nodes: [3])[3])
        let control = try #require(instruction.auxiliary["scaffold.control"])
        #expect(control.specs == global.specs)
        #expect(control.values == [0, 0, 0, 0, 0, 0])
        #expect(instruction.config["scaffold"] == .bool(true))
    }

    @Test func firstRoundAveragesModelDeltasAndScalesControlBySampledOverTotal() throws {
        var strategy = try SCAFFOLD(nodeCount: 4)
        let x = try H.round(&strategy, global: [1, 2], updates: Self.firstRound)
        // x ← x + mean(y − x) = [1, 2] + [0, 1]; c ← 0 + (2/4) mean(Δc) = 0.5 [2, 0].
        #expect(x == [1, 3])
        #expect(strategy.control == [1, 0])
    }

    @Test func secondRoundSendsAndUpdatesTheCarriedControl() throws {
        var strategy = try SCAFFOLD(nodeCount: 4)
        let x1 = try H.round(&strategy, global: [1, 2], updates: Self.firstRound)
        let sent = try #require(strategy.configureFit(round: 2, parameters: H.record(x1), nodes: [1])[1]?.auxiliary["scaffold.control"])
        #expect(sent.values == [1, 0])
        // Three nodes: y − x1 = [1, 0], [0, 3], [0, 0] → mean [1/3, 1]; Δc = [2, 0], [0, −3], [1, 0] → mean [1, −1],
        // times |S|/N = 3/4 → [0.75, −0.75]; c = [1, 0] + that.
        let x2 = try H.round(&strategy, round: 2, global: x1, updates: [
            Self.update(1, [2, 3], controlDelta: [2, 0]), Self.update(2, [1, 6], controlDelta: [0, -3]),
            Self.update(3, [1, 3], controlDelta: [1, 0]),
        ])
        #expect(H.close(x2, [1 + 1.0 / 3, 4]))
        #expect(strategy.control == [1.75, -0.75])
    }

    @Test func serverLearningRateScalesTheModelStepOnly() throws {
        var strategy = try SCAFFOLD(nodeCount: 4, serverLearningRate: 0.5)
        let x = try H.round(&strategy, global: [1, 2], updates: Self.firstRound)
        #expect(x == [1, 2.5])
        #expect(strategy.control == [1, 0])
    }

    @Test func updateWithoutControlDeltaIsRejected() throws {
        let strategy = try SCAFFOLD(nodeCount: 2)
        let reason = strategy.validate(H.update(1, [1, 2]), round: 1, global: H.record([1, 2]))
        #expect(reason == "auxiliary array 'scaffold.control-delta' is missing; SCAFFOLD needs each node's control-variate delta")
    }

    @Test func controlDeltaOfTheWrongLengthIsRejected() throws {
        let strategy = try SCAFFOLD(nodeCount: 2)
        let reason = strategy.validate(Self.update(1, [1, 2], controlDelta: [1, 2, 3]), round: 1, global: H.record([1, 2]))
        #expect(reason == "auxiliary array 'scaffold.control-delta' has 3 values, expected 2")
    }

    @Test func moreUpdatesThanNodesFailsTheRoundAndKeepsTheControl() throws {
        var strategy = try SCAFFOLD(nodeCount: 1)
        #expect(throws: AggregationError.invalidConfiguration(strategy: "SCAFFOLD", reason: "2 updates arrived from a federation of node count 1")) {
            _ = try H.round(&strategy, global: [1, 2], updates: Self.firstRound)
        }
        #expect(strategy.control.isEmpty)
    }

    @Test func nonFiniteRoundKeepsTheControl() throws {
        var strategy = try SCAFFOLD(nodeCount: 4)
        _ = try H.round(&strategy, global: [1, 2], updates: Self.firstRound)
        let huge = Float.greatestFiniteMagnitude
        #expect(throws: AggregationError.nonFiniteAggregate(strategy: "SCAFFOLD")) {
            _ = try H.round(&strategy, round: 2, global: [1, 3], updates: [
                Self.update(1, [1, 3], controlDelta: [huge, 0]), Self.update(2, [1, 3], controlDelta: [huge, 0]),
            ])
        }
        #expect(strategy.control == [1, 0])
    }

    @Test func zeroNodeCountIsRejected() {
        #expect(throws: AggregationError.invalidConfiguration(strategy: "SCAFFOLD", reason: "node count must be > 0, got 0")) {
            _ = try SCAFFOLD(nodeCount: 0)
        }
    }
}
