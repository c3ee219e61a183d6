import Foundation
import SwiftletFleetProtocol
import Testing
@testable import SwiftletFleetServer

@Suite struct FleetServiceMessageTests {
    let key: [UInt8] = Array(repeating: 3, count: 65)

    func pull(_ f: FleetFixture, _ node: UInt64) async throws -> Flwr_Proto_PullMessagesResponse {
        var request = Flwr_Proto_PullMessagesRequest()
        request.node.nodeID = node
        return try await f.call(.pullMessages, request, key: key)
    }

    @Test func pullAnswersThePostedInstructionOnceWithItsTree() async throws {
        let f = try await FleetFixture()
        let node = try await f.online(key: key)
        let instruction = FleetFixture.message(run: f.run, destination: node, content: [1, 2, 3])
        try await f.service.post(instruction)
        try await f.service.post(instruction)  // idempotent
        let first = try await pull(f, node)
        #expect(first.messagesList == [instruction.message])
        #expect(first.messageObjectTrees == [instruction.tree])
        let second = try await pull(f, node)
        #expect(second == Flwr_Proto_PullMessagesResponse())
        #expect(try f.counts().messages == 1)
        #expect(try f.counts().objects == 2)
    }

    @Test func pullObjectAnswersFoundAvailableAndContent() async throws {
        let f = try await FleetFixture()
        let node = try await f.online(key: key)
        let instruction = FleetFixture.message(run: f.run, destination: node, content: [4, 5])
        try await f.service.post(instruction)
        var request = Flwr_Proto_PullObjectRequest()
        request.node.nodeID = node
        request.runID = f.run
        request.objectID = FleetFixture.sha([4, 5])
        let found: Flwr_Proto_PullObjectResponse = try await f.call(.pullObject, request, key: key)
        #expect(found.objectFound && found.objectAvailable && found.objectContent == Data([4, 5]))
        request.objectID = FleetFixture.sha([9])
        let missing: Flwr_Proto_PullObjectResponse = try await f.call(.pullObject, request, key: key)
        #expect(missing == Flwr_Proto_PullObjectResponse())
    }

    @Test func aPushedReplyAsksForItsObjectsAndReplyResumesWhenTheLastArrives() async throws {
        let f = try await FleetFixture()
        let node = try await f.online(key: key)
        let instruction = FleetFixture.message(run: f.run, destination: node, content: [1])
        try await f.service.post(instruction)
        let reply = FleetFixture.message(run: f.run, source: node, replyTo: instruction.message.metadata.messageID, content: [2, 2])
        let waiting = Task { try await f.service.reply(to: instruction.message.metadata.messageID) }
        let answer = try await f.push(reply, node: node, key: key, objects: false)
        var expected = Flwr_Proto_PushMessagesResponse()
        expected.reconnect.reconnect = 5
        expected.results = [reply.message.metadata.messageID: 0]
        expected.objectsToPush = reply.objects.keys.sorted()
        expected.sessionID = reply.message.metadata.messageID
        #expect(answer == expected)
        for id in answer.objectsToPush { try await f.pushObject(id, reply.objects[id]!, node: node, key: key) }
        let received = try await waiting.value
        #expect(received.objects == reply.objects)
        #expect(received.tree == reply.tree)
        #expect(received.message.metadata == reply.message.metadata)
        #expect(await f.service.storedReply(to: instruction.message.metadata.messageID) == received)
    }

    @Test func theSameReplyPushedTwiceIsStoredOnceAndAnsweredTheSame() async throws {
        let f = try await FleetFixture()
        let node = try await f.online(key: key)
        let instruction = FleetFixture.message(run: f.run, destination: node, content: [1])
        try await f.service.post(instruction)
        let reply = FleetFixture.message(run: f.run, source: node, replyTo: instruction.message.metadata.messageID, content: [8])
        let first = try await f.push(reply, node: node, key: key)
        let before = try f.counts()
        let second = try await f.push(reply, node: node, key: key)
        #expect(first.results == second.results)
        #expect(second.objectsToPush.isEmpty)
        #expect(try f.counts() == before)
        #expect(await f.service.counters.messagesIn == 1)
    }

    @Test func aReplyToAMessageNotSentToThisNodeIsAConflictAndChangesNothing() async throws {
        let f = try await FleetFixture()
        let node = try await f.online(key: key)
        let other = try await f.online(key: [5])
        let instruction = FleetFixture.message(run: f.run, destination: other, content: [1])
        try await f.service.post(instruction)
        let before = try f.counts()
        let reply = FleetFixture.message(run: f.run, source: node, replyTo: instruction.message.metadata.messageID, content: [2])
        let kind = await failureKind { _ = try await f.push(reply, node: node, key: key) }
        #expect(kind == .conflict)
        #expect(try f.counts() == before)
    }

    @Test func anObjectWhoseIDIsNotItsHashIsRejectedAndNothingStored() async throws {
        let f = try await FleetFixture()
        let node = try await f.online(key: key)
        let instruction = FleetFixture.message(run: f.run, destination: node, content: [1])
        try await f.service.post(instruction)
        let reply = FleetFixture.message(run: f.run, source: node, replyTo: instruction.message.metadata.messageID, content: [2])
        let answer = try await f.push(reply, node: node, key: key, objects: false)
        let id = answer.objectsToPush[0]
        let kind = await failureKind { try await f.pushObject(id, [0xAB], node: node, key: key) }
        #expect(kind == .badRequest)
        #expect(try f.store.object(id) == .some(nil))
    }

    @Test func aPostedObjectWhoseBytesDifferFromTheCachedOnesUnderItsIDIsRefused() async throws {
        let f = try await FleetFixture()
        let node = try await f.online(key: key)
        let first = FleetFixture.message(run: f.run, destination: node, content: [1, 2, 3])
        try await f.service.post(first)
        // The same id, other bytes of the same length: compared with the cached copy, then hashed, refused.
        var forged = FleetFixture.message(run: f.run, destination: node, replyTo: "", group: "2", content: [1, 2, 3])
        let content = FleetFixture.sha([1, 2, 3])
        forged.objects[content] = [1, 2, 4]
        let before = try f.counts()
        #expect(await failureKind { try await f.service.post(forged) } == .badRequest)
        #expect(try f.counts() == before)
        // A copy of the cached bytes in another buffer is the same content.
        #expect(FleetService.sameBytes([1, 2, 3], Array([1, 2, 3] as [UInt8])))
        #expect(!FleetService.sameBytes(nil, [1]) && !FleetService.sameBytes([1, 2], [1]))
    }

    @Test func anObjectLargerThanTheLimitIsRefused() async throws {
        let f = try await FleetFixture(limits: FleetServiceLimits(maxObjectBytes: 4))
        let node = try await f.online(key: key)
        let big = FleetFixture.message(run: f.run, destination: node, content: [1, 2, 3, 4, 5])
        let before = try f.counts()
        #expect(await failureKind { try await f.service.post(big) } == .payloadTooLarge)
        #expect(try f.counts() == before)
    }

    @Test func aTreeWithMoreObjectsThanTheLimitIsRefused() async throws {
        let f = try await FleetFixture(limits: FleetServiceLimits(maxObjectsPerMessage: 1))
        let node = try await f.online(key: key)
        let instruction = FleetFixture.message(run: f.run, destination: node, content: [1])
        let before = try f.counts()
        #expect(await failureKind { try await f.service.post(instruction) } == .payloadTooLarge)
        #expect(try f.counts() == before)
    }

    @Test func confirmMarksTheInstructionConfirmed() async throws {
        let f = try await FleetFixture()
        let node = try await f.online(key: key)
        let instruction = FleetFixture.message(run: f.run, destination: node, content: [1])
        try await f.service.post(instruction)
        _ = try await pull(f, node)
        var request = Flwr_Proto_ConfirmMessageReceivedRequest()
        request.node.nodeID = node
        request.runID = f.run
        request.messageObjectID = instruction.message.metadata.messageID
        let answer: Flwr_Proto_ConfirmMessageReceivedResponse = try await f.call(.confirmMessageReceived, request, key: key)
        #expect(answer == Flwr_Proto_ConfirmMessageReceivedResponse())
        #expect(try f.store.message(request.messageObjectID)?.status == .confirmed)
    }

    @Test func anExpiredInstructionIsNotDelivered() async throws {
        let f = try await FleetFixture()
        let node = try await f.online(key: key, interval: 1800)
        let instruction = FleetFixture.message(run: f.run, destination: node, content: [1])
        try await f.service.post(instruction)
        f.clock.advance(601)
        #expect(try await pull(f, node) == Flwr_Proto_PullMessagesResponse())
        #expect(try f.store.message(instruction.message.metadata.messageID)?.status == .expired)
    }

    @Test func getRunAndGetFabAnswerTheRun() async throws {
        let f = try await FleetFixture()
        let node = try await f.online(key: key)
        var request = Flwr_Proto_GetRunRequest()
        request.node.nodeID = node
        request.runID = f.run
        let run: Flwr_Proto_GetRunResponse = try await f.call(.getRun, request, key: key)
        #expect(run.run.runID == f.run)
        #expect(run.run.fabHash == FleetFixture.sha([]))
        var fab = Flwr_Proto_GetFabRequest()
        fab.node.nodeID = node
        fab.runID = f.run
        fab.hashStr = run.run.fabHash
        let answer: Flwr_Proto_GetFabResponse = try await f.call(.getFab, fab, key: key)
        #expect(answer.fab.hashStr == FleetFixture.sha([]))
        request.runID = f.run &+ 1
        #expect(await failureKind { let _: Flwr_Proto_GetRunResponse = try await f.call(.getRun, request, key: key) } == .notFound)
    }

    @Test func cancellingReplyEndsTheWaitAndALaterReplyIsStillStored() async throws {
        let f = try await FleetFixture()
        let node = try await f.online(key: key)
        let instruction = FleetFixture.message(run: f.run, destination: node, content: [1])
        try await f.service.post(instruction)
        let id = instruction.message.metadata.messageID
        let waiting = Task { try await f.service.reply(to: id) }
        waiting.cancel()
        await #expect(throws: CancellationError.self) { try await waiting.value }
        let reply = FleetFixture.message(run: f.run, source: node, replyTo: id, content: [2])
        _ = try await f.push(reply, node: node, key: key)
        #expect(await f.service.storedReply(to: id)?.objects == reply.objects)
    }
}
