import Foundation
import SwiftletFederated
import SwiftletFleetProtocol
import Testing
@testable import SwiftletFleetServer

/// Compressed downlinks through the server runtime, with the lossless `f32` pipeline so every model is exact:
/// the whole model on first contact, deltas afterwards, and the whole model again for a node that lost its base.
@Suite struct FleetServerRuntimeDownlinkTests {
    static let lossless = try! CompressedCodec(specification: "f32")

    /// What a node pulled: its downlink description and the model it reconstructs from `held`.
    static func model(of instruction: SimulatedNode.Instruction, held: [Float]?) throws -> (DownlinkInstruction, [Float]) {
        let (downlink, delta) = try #require(try DownlinkInstruction.read(instruction.content))
        guard let delta else { return (downlink, try FleetContentMapping.fitInstruction(instruction.content).parameters.values) }
        return (downlink, try DeltaCoding.applyDelta(delta.bytes, to: try #require(held), codec: lossless))
    }

    /// Answers `instruction` with `model + delta`, naming `model` as held unless `acknowledging` is false.
    static func train(_ node: SimulatedNode, _ instruction: SimulatedNode.Instruction, model: [Float], delta: [Float],
                      examples: Int, acknowledging: Bool = true) async throws {
        let values = zip(model, delta).map { $0 + $1 }
        let parameters = try ArrayRecord(specs: [ArraySpec(name: "w", shape: [2])], values: values)
        var content = try FleetContentMapping.content(FitResult(parameters: parameters, exampleCount: examples), encoding: .swiftletF32LE)
        if acknowledging { DownlinkInstruction.acknowledge(ModelDigest(of: model), in: &content) }
        try await node.reply(to: instruction, content: content)
    }

    @Test func firstContactGetsTheWholeModelAndTheNextRoundADelta() async throws {
        let h = try await RuntimeHarness.fresh(rounds: 2, downlink: "f32")
        defer { h.remove() }
        let run = h.start()
        for (node, update) in zip(h.nodes, RuntimeHarness.updates) {
            let instruction = try await node.pull()
            let (downlink, model) = try Self.model(of: instruction, held: nil)
            #expect(downlink.base == nil)
            #expect(model == [0, 0])
            #expect(downlink.model == ModelDigest(of: [0, 0]))
            try await Self.train(node, instruction, model: model, delta: update.delta, examples: update.examples)
        }
        for (node, update) in zip(h.nodes, RuntimeHarness.updates) {
            let instruction = try await node.pull()
            let (downlink, model) = try Self.model(of: instruction, held: [0, 0])
            #expect(downlink.base == ModelDigest(of: [0, 0]))
            // Round 1's FedAvg model, (2, 2), rebuilt from the delta.
            #expect(model == [2, 2])
            #expect(downlink.model == ModelDigest(of: [2, 2]))
            try await Self.train(node, instruction, model: model, delta: update.delta, examples: update.examples)
        }
        let result = try await run.value
        #expect(result.parameters.values == [4, 4])
        // Every node holds (2, 2): one stored copy.
        #expect(try h.store.nodeModelBlobCount() == 1)
    }

    @Test func aNodeThatLostItsBaseGetsTheWholeModelNextRound() async throws {
        let h = try await RuntimeHarness.fresh(rounds: 3, downlink: "f32")
        defer { h.remove() }
        let run = h.start()
        for (node, update) in zip(h.nodes, RuntimeHarness.updates) {
            let instruction = try await node.pull()
            try await Self.train(node, instruction, model: [0, 0], delta: update.delta, examples: update.examples)
        }
        let (a, b, c) = (h.nodes[0], h.nodes[1], h.nodes[2])
        for (node, update) in [(a, RuntimeHarness.updates[0]), (b, RuntimeHarness.updates[1])] {
            let instruction = try await node.pull()
            try await Self.train(node, instruction, model: [2, 2], delta: update.delta, examples: update.examples)
        }
        // C restarted: it holds nothing, and says so.
        var failure = Flwr_Proto_Error()
        failure.code = DownlinkInstruction.baseMissingErrorCode
        failure.reason = "the model delta applies to a model this node does not hold"
        try await c.reply(to: try await c.pull(), body: .error(failure))
        let round3 = try await c.pull()
        let (downlink, model) = try Self.model(of: round3, held: nil)
        #expect(downlink.base == nil)
        // Round 2 without C: ((6, 2) + (2, 2)) / 2.
        #expect(model == [4, 2])
        let a3 = try await a.pull()
        #expect(try Self.model(of: a3, held: [2, 2]).0.base == ModelDigest(of: [2, 2]))
        run.cancel()
        _ = await run.result
    }

    @Test func aReplyThatDoesNotNameTheModelLeavesTheNodesBase() async throws {
        let h = try await RuntimeHarness.fresh(rounds: 2, downlink: "f32")
        defer { h.remove() }
        let run = h.start()
        for (index, (node, update)) in zip(h.nodes, RuntimeHarness.updates).enumerated() {
            let instruction = try await node.pull()
            try await Self.train(node, instruction, model: [0, 0], delta: update.delta, examples: update.examples,
                                 acknowledging: index != 2)
        }
        let c2 = try await h.nodes[2].pull()
        #expect(try Self.model(of: c2, held: nil).0.base == nil)
        let a2 = try await h.nodes[0].pull()
        #expect(try Self.model(of: a2, held: [0, 0]).0.base == ModelDigest(of: [0, 0]))
        run.cancel()
        _ = await run.result
    }

    @Test func nodesHoldingTheSameBaseGetTheSameBytes() async throws {
        let h = try await RuntimeHarness.fresh(rounds: 2, downlink: "qsgd:2")
        defer { h.remove() }
        let run = h.start()
        for (node, update) in zip(h.nodes, RuntimeHarness.updates) {
            try await Self.train(node, try await node.pull(), model: [0, 0], delta: update.delta, examples: update.examples)
        }
        var deltas: [EncodedArrays] = []
        for node in h.nodes { deltas.append(try #require(try DownlinkInstruction.read(try await node.pull().content)?.1)) }
        #expect(deltas.count == 3 && deltas.allSatisfy { $0 == deltas[0] })
        run.cancel()
        _ = await run.result
    }

    @Test func aRestartedServerStillKnowsWhatEachNodeHolds() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("downlink-\(UUID().uuidString).sqlite").path
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        let instruction = FitInstruction(round: 1, parameters: try ArrayRecord(specs: [ArraySpec(name: "w", shape: [2])], values: [1, 2]))
        let before = try DownlinkCoder(specification: "f32", service: FleetService(store: try SQLiteFleetStore(path: path)), run: 9)
        let sent = try await before.prepare(instruction, node: 5, encoding: .swiftletPacked)
        #expect(!sent.isDelta)
        var reply = RecordDict()
        DownlinkInstruction.acknowledge(sent.model, in: &reply)
        try await before.acknowledge(sent, reply: reply, node: 5)

        // A new store and service on the same file, as after a restart.
        let after = try DownlinkCoder(specification: "f32", service: FleetService(store: try SQLiteFleetStore(path: path)), run: 9)
        #expect(try await after.held(by: 5) == ModelDigest(of: [1, 2]))
        var next = instruction
        next.round = 2
        next.parameters.values = [3, 3]
        let delta = try await after.prepare(next, node: 5, encoding: .swiftletPacked)
        #expect(delta.isDelta)
        #expect(delta.values == [3, 3])
        #expect(try await after.held(by: 6) == nil)
    }
}
