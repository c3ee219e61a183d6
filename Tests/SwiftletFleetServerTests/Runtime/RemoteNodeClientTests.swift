import Foundation
import SwiftletFederated
import SwiftletFleetProtocol
import Testing
@testable import SwiftletFleetServer

@Suite struct RemoteNodeClientTests {
    struct Setup {
        let store: SQLiteFleetStore
        let service: FleetService
        let node: SimulatedNode
        let run: UInt64
        let client: RemoteNodeClient
        let instruction = FitInstruction(round: 4, parameters: ArrayRecord(flat: [1, 2, 3], name: "w"))

        init(encoding: ArrayEncoding = .swiftletF32LE) async throws {
            store = try SQLiteFleetStore()
            service = FleetService(store: store, now: { Date(timeIntervalSince1970: 1_800_000_000) })
            node = try await SimulatedNode.online(service, seed: 21)
            run = try await service.createRun(name: "client")
            client = RemoteNodeClient(node: node.id, run: run, service: service,
                                      settings: FleetRunSettings(runName: "client", arrayEncoding: encoding))
        }
    }

    @Test func fitPostsATrainMessageForTheRoundAndReturnsTheReply() async throws {
        let s = try await Setup(encoding: .npy)
        let instruction = s.instruction
        let call = Task { [client = s.client] in try await client.fit(instruction) }
        let received = try await s.node.pull()
        #expect(received.metadata.messageType == "train")
        #expect(received.metadata.groupID == "4")
        #expect(received.metadata.runID == s.run)
        #expect(received.metadata.dstNodeID == s.node.id)
        #expect(received.metadata.srcNodeID == RemoteNodeClient.serverNodeID)
        #expect(received.metadata.ttl == 3600)
        #expect(received.metadata.createdAt == 1_800_000_000)
        guard case .arrays(let arrays)? = received.content["arrays"] else { Issue.record("no arrays"); return }
        #expect(arrays.items.first?.value.stype == ArrayEncoding.npyStype)
        try await s.node.train(received, delta: [1, 1, 1], examples: 5)
        let result = try await call.value
        #expect(result.exampleCount == 5)
        guard case .arrays(let record) = result.payload else { Issue.record("not arrays"); return }
        #expect(record.values == [2, 3, 4])
        #expect(record.specs == [ArraySpec(name: "w", shape: [3])])
    }

    @Test func evaluatePostsAnEvaluateMessageAndReturnsTheLoss() async throws {
        let s = try await Setup()
        let instruction = EvaluateInstruction(round: 2, parameters: ArrayRecord(flat: [1, 2], name: "w"))
        let call = Task { [client = s.client] in try await client.evaluate(instruction) }
        let received = try await s.node.pull()
        #expect(received.metadata.messageType == "evaluate")
        #expect(received.metadata.groupID == "2")
        let asked = try FleetContentMapping.evaluateInstruction(received.content)
        #expect(asked.parameters.values == [1, 2])
        let answer = EvaluateResult(loss: 0.25, exampleCount: 8, metrics: ["accuracy": .double(0.5)])
        try await s.node.reply(to: received, content: FleetContentMapping.content(answer))
        let result = try await call.value
        #expect(result.loss == 0.25)
        #expect(result.exampleCount == 8)
        #expect(result.metrics.scalar("accuracy") == 0.5)
    }

    @Test func aReplyOfAnotherMessageTypeIsInvalid() async throws {
        let s = try await Setup()
        let call = Task { [client = s.client] in
            try await client.evaluate(EvaluateInstruction(round: 2, parameters: ArrayRecord(flat: [1, 2], name: "w")))
        }
        var received = try await s.node.pull()
        received.metadata.messageType = "train"
        try await s.node.reply(to: received, content: FleetContentMapping.content(EvaluateResult(loss: 1, exampleCount: 1)))
        await #expect(throws: RemoteNodeError.self) { _ = try await call.value }
    }

    @Test func anErrorReplyThrowsNodeReportedError() async throws {
        let s = try await Setup()
        let instruction = s.instruction
        let call = Task { [client = s.client] in try await client.fit(instruction) }
        var error = Flwr_Proto_Error()
        error.code = 7
        error.reason = "out of memory"
        try await s.node.reply(to: try await s.node.pull(), body: .error(error))
        await #expect(throws: RemoteNodeError.nodeReportedError(node: s.node.id, round: 4, code: 7, reason: "out of memory")) {
            _ = try await call.value
        }
    }

    @Test func aSecondCallForTheSameInstructionReusesTheStoredReplyWithoutSending() async throws {
        let s = try await Setup()
        let instruction = s.instruction
        let first = Task { [client = s.client] in try await client.fit(instruction) }
        try await s.node.train(try await s.node.pull(), delta: [0, 0, 1], examples: 2)
        let answer = try await first.value
        let messages = try s.store.counts().messages
        let again = try await s.client.fit(instruction)
        #expect(again == answer)
        #expect(try s.store.counts().messages == messages)
        #expect(try await s.node.pullOnce() == nil)
    }

    @Test func cancellingTheCallLeavesTheInstructionForTheNode() async throws {
        let s = try await Setup()
        let instruction = s.instruction
        let call = Task { [client = s.client] in try await client.fit(instruction) }
        let received = try await s.node.pull()
        call.cancel()
        await #expect(throws: CancellationError.self) { _ = try await call.value }
        let key = InstructionKey(run: s.run, round: 4, attempt: 1, node: s.node.id, type: "train")
        #expect(try await s.service.postedInstruction(key) == received.messageID)
    }

    @Test func parametersAreNeverAskedOfARemoteNode() async throws {
        let s = try await Setup()
        await #expect(throws: RemoteNodeError.parametersNotSupported(node: s.node.id)) {
            _ = try await s.client.parameters(config: [:])
        }
    }
}
