import Foundation
import SwiftletFleetProtocol
import Testing
@testable import SwiftletFleetServer

/// What keeps a request cheap in a large fleet: idle polls and unchanged heartbeats never touch the database,
/// pulled models are read once, and an object completes only the replies waiting for it.
@Suite struct FleetServiceScalingTests {
    let key: [UInt8] = Array(repeating: 9, count: 65)

    func pull(_ f: FleetFixture, _ node: UInt64) async throws -> Flwr_Proto_PullMessagesResponse {
        var request = Flwr_Proto_PullMessagesRequest()
        request.node.nodeID = node
        return try await f.call(.pullMessages, request, key: key)
    }

    func heartbeat(_ f: FleetFixture, _ node: UInt64, interval: Double) async throws {
        var request = Flwr_Proto_SendNodeHeartbeatRequest()
        request.node.nodeID = node
        request.heartbeatInterval = interval
        let answer: Flwr_Proto_SendNodeHeartbeatResponse = try await f.call(.sendNodeHeartbeat, request, key: key)
        #expect(answer.success)
    }

    @Test func anIdlePollAfterAnEmptyOneReadsNothingFromTheStore() async throws {
        let store = try CountingStore()
        let f = try await FleetFixture(store: store)
        let node = try await f.online(key: key)
        _ = try await pull(f, node)            // finds the store empty for this node
        let before = store.calls
        for _ in 0..<5 { #expect(try await pull(f, node) == Flwr_Proto_PullMessagesResponse()) }
        #expect(store.calls == before)
    }

    @Test func aMessagePostedAfterIdlePollsIsDelivered() async throws {
        let f = try await FleetFixture()
        let node = try await f.online(key: key)
        _ = try await pull(f, node)
        _ = try await pull(f, node)
        let instruction = FleetFixture.message(run: f.run, destination: node, content: [7])
        try await f.service.post(instruction)
        #expect(try await pull(f, node).messagesList == [instruction.message])
    }

    @Test func anInstructionIsPostedInOneWrite() async throws {
        // The key and the message used to be two transactions: a thousand extra commits in a 1,000-node round.
        let store = try CountingStore()
        let f = try await FleetFixture(store: store)
        let node = try await f.online(key: key)
        let instruction = FleetFixture.message(run: f.run, destination: node, content: [7])
        let instructionKey = InstructionKey(run: f.run, round: 1, attempt: 1, node: node, type: instruction.message.metadata.messageType)
        let before = store.calls.writes
        try await f.service.post(instruction, as: instructionKey)
        #expect(store.calls.writes == before + 1)
        #expect(try await f.service.postedInstruction(instructionKey) == instruction.message.metadata.messageID)
        #expect(try await pull(f, node).messagesList == [instruction.message])
    }

    @Test func aHeartbeatThatChangesOnlyTheTimeWritesNothing() async throws {
        let store = try CountingStore()
        let f = try await FleetFixture(store: store)
        let node = try await f.online(key: key, interval: 30)
        let before = store.calls.writes
        try await heartbeat(f, node, interval: 30)
        #expect(store.calls.writes == before)
        try await heartbeat(f, node, interval: 60)   // a new interval is state worth keeping
        #expect(store.calls.writes == before + 1)
    }

    @Test func heartbeatsKeptInMemoryStillPostponeExpiry() async throws {
        let f = try await FleetFixture()
        let node = try await f.online(key: key, interval: 10)   // expires 20 s after it was last seen
        f.clock.advance(15)
        try await heartbeat(f, node, interval: 10)
        f.clock.advance(15)                                       // 30 s after activation, 15 s after the heartbeat
        try await f.service.expireNodes()
        #expect(await f.service.onlineNodes == [node])
        f.clock.advance(6)
        try await f.service.expireNodes()
        #expect(await f.service.onlineNodes.isEmpty)
        #expect(try f.store.node(node)?.status == .offline)
    }

    @Test func theSecondPullOfAnObjectReadsNeitherItNorItsRunFromTheStore() async throws {
        let store = try CountingStore()
        let f = try await FleetFixture(store: store)
        let node = try await f.online(key: key)
        try await f.service.post(FleetFixture.message(run: f.run, destination: node, content: [4, 5, 6]))
        var request = Flwr_Proto_PullObjectRequest()
        request.node.nodeID = node
        request.runID = f.run
        request.objectID = FleetFixture.sha([4, 5, 6])
        let first: Flwr_Proto_PullObjectResponse = try await f.call(.pullObject, request, key: key)
        let objectReads = store.calls.reads
        let second: Flwr_Proto_PullObjectResponse = try await f.call(.pullObject, request, key: key)
        #expect(first.objectContent == Data([4, 5, 6]))
        #expect(second == first)
        // Neither the object nor the run it names is read from the store again.
        #expect(store.calls.reads == objectReads)
    }

    @Test func aModelPostedToManyNodesIsStoredOnce() async throws {
        let f = try await FleetFixture()
        for index in 0..<5 {
            let node = try await f.online(key: Array(repeating: UInt8(index + 20), count: 65))
            try await f.service.post(FleetFixture.message(run: f.run, destination: node, content: [1, 2, 3, 4]))
        }
        // Five message objects (their headers differ) and one shared content object.
        #expect(try f.counts().objects == 6)
        #expect(try f.counts().messages == 5)
    }
}
