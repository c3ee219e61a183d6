import Foundation
import SwiftletFederated
import SwiftletFleetNode
import SwiftletFleetProtocol
import SwiftletFleetServer
import Testing

@Suite struct FleetNodeRoundTripTests {
    @Test func fitRoundTripLeavesTheTrainedArraysOnTheServer() async throws {
        let f = try await NodeFixture()
        let instruction = try await f.postFit(try NodeFixture.parameters())
        let task = f.start()
        let reply = try await f.reply(to: instruction)
        try await f.stop(task)

        #expect(reply.metadata.replyToMessageID == instruction)
        #expect(reply.metadata.srcNodeID == f.nodeID)
        #expect(reply.metadata.runID == f.run)
        #expect(reply.metadata.messageType == FleetMessageType.train)
        let result = try FleetContentMapping.fitResult(try #require(reply.content), expected: ScriptedClient.specs)
        // The client adds 1 to [1, 2, 3, 4 | 0.5].
        #expect(result.payload == .arrays(try ArrayRecord(specs: ScriptedClient.specs, values: [2, 3, 4, 5, 1.5])))
        #expect(result.exampleCount == 10)
        #expect(result.metrics.entries["loss"] == .double(0.25))
        let calls = await f.client.fitCalls
        #expect(calls == [FitInstruction(round: 1, parameters: try NodeFixture.parameters())])
        let stats = await f.node.stats
        #expect(stats.fits == 1 && stats.messagesHandled == 1 && stats.errorsReplied == 0 && stats.retries == 0)
        #expect(stats.bytesSent > 0 && stats.bytesReceived > 0)
    }

    @Test func theFlowFollowsFlowersSuperNode() async throws {
        var configuration = NodeFixture.configuration
        configuration.batchObjects = false
        let f = try await NodeFixture(configuration: configuration)
        let instruction = try await f.postFit(try NodeFixture.parameters())
        let task = f.start()
        _ = try await f.reply(to: instruction)
        try await f.stop(task)
        let calls = f.transport.calls
        // Register, activate, pull, the run's description, the instruction's objects, confirm, push, the
        // reply's objects, then idle.
        #expect(Array(calls.prefix(4)) == [.registerNode, .activateNode, .pullMessages, .getRun])
        let confirm = try #require(calls.firstIndex(of: .confirmMessageReceived))
        let push = try #require(calls.firstIndex(of: .pushMessages))
        #expect(calls[4..<confirm].allSatisfy { $0 == .pullObject })
        #expect(confirm < push)
        #expect(calls.last == .deactivateNode)
        let activate = try Flwr_Proto_ActivateNodeRequest(serializedBytes: f.transport.bodies(of: .activateNode)[0])
        #expect(activate.publicKey == Data(NodeFixture.key))
        #expect(activate.heartbeatInterval == 30)
        let stored = try #require(try f.store.message(instruction))
        #expect(stored.status == .replied)
    }

    @Test func aSwiftletServerIsAskedOnceThenObjectsMoveInOneBatchEachWay() async throws {
        let f = try await NodeFixture()
        let instruction = try await f.postFit(try NodeFixture.parameters())
        let task = f.start()
        _ = try await f.reply(to: instruction)
        try await f.stop(task)
        let calls = f.transport.calls
        // Register, activate, the empty batch that asks (on joining), pull, the run's description, one batch
        // of the instruction's objects, confirm, push, one batch of the reply's objects.
        #expect(Array(calls.prefix(9)) == [.registerNode, .activateNode, .pullObjects, .pullMessages, .getRun, .pullObjects,
                                           .confirmMessageReceived, .pushMessages, .pushObjects])
        #expect(!calls.contains(.pullObject) && !calls.contains(.pushObject))
        let probe = try Swiftlet_Fleet_PullObjectsRequest(serializedBytes: f.transport.bodies(of: .pullObjects)[0])
        #expect(probe.requests.isEmpty)
        let stored = try #require(try f.store.message(instruction))
        #expect(stored.status == .replied)
    }

    @Test(arguments: [true, false])
    func theNodePushesExactlyTheObjectsTheServerAsksFor(batched: Bool) async throws {
        var configuration = NodeFixture.configuration
        configuration.batchObjects = batched
        let f = try await NodeFixture(configuration: configuration)
        let instruction = try await f.postFit(try NodeFixture.parameters())
        let task = f.start()
        let reply = try await f.reply(to: instruction)
        try await f.stop(task)
        let pushed = try f.transport.bodies(of: .pushObject).map { try Flwr_Proto_PushObjectRequest(serializedBytes: $0).objectID }
            + f.transport.bodies(of: .pushObjects).flatMap { try Swiftlet_Fleet_PushObjectsRequest(serializedBytes: $0).requests.map(\.objectID) }
        #expect(f.transport.calls.contains(.pushObjects) == batched)
        let deflated = try reply.deflate()
        #expect(pushed.sorted() == deflated.objects.keys.sorted())
        #expect(Set(pushed).count == pushed.count)
    }

    @Test func evaluateRoundTripRepliesTheLossAndExampleCount() async throws {
        let f = try await NodeFixture()
        let content = try FleetContentMapping.content(EvaluateInstruction(round: 3, parameters: try NodeFixture.parameters()), encoding: .npy)
        let instruction = try await f.post(content, type: FleetMessageType.evaluate).messageID
        let task = f.start()
        let reply = try await f.reply(to: instruction)
        try await f.stop(task)
        let result = try FleetContentMapping.evaluateResult(try #require(reply.content))
        // Loss = 1 + 2 + 3 + 4 + 0.5.
        #expect(result == EvaluateResult(loss: 10.5, exampleCount: 4))
        #expect(await f.client.evaluateCalls.map(\.round) == [3])
        #expect(await f.node.stats.evaluations == 1)
        #expect(reply.metadata.messageType == FleetMessageType.evaluate)
    }

    @Test func theCompactEncodingIsUsedWhenConfigured() async throws {
        var configuration = NodeFixture.configuration
        configuration.arrayEncoding = .swiftletF32LE
        let f = try await NodeFixture(configuration: configuration)
        let instruction = try await f.postFit(try NodeFixture.parameters())
        let task = f.start()
        let reply = try await f.reply(to: instruction)
        try await f.stop(task)
        guard case .arrays(let arrays)? = reply.content?[FleetContentKeys.arrays] else {
            Issue.record("the reply has no arrays")
            return
        }
        #expect(arrays.items.map(\.value.stype) == [ArrayEncoding.f32leStype, ArrayEncoding.f32leStype])
        // 2.0 as little-endian float32.
        #expect(Array(arrays.items[0].value.data.prefix(4)) == [0x00, 0x00, 0x00, 0x40])
    }
}
