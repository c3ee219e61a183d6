import Foundation
import GRDB
import SwiftletFleetProtocol
import Testing
@testable import SwiftletFleetServer

@Suite struct SQLiteFleetStoreTests {
    @Test func aReopenedFileStoreHasNodesMessagesRepliesAndCheckpoints() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("fleet-\(UUID()).sqlite").path
        defer { for suffix in ["", "-wal", "-shm", ".objects"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        let key: [UInt8] = [1, 2, 3]
        let clock = DrivenClock()
        var instructionID = ""
        var run: UInt64 = 0
        var node: UInt64 = 0
        do {
            let f = try await FleetFixture(store: try SQLiteFleetStore(path: path), clock: clock)
            run = f.run
            node = try await f.online(key: key)
            // Round 2's messages: the checkpoint of round 1 settles only round 1's objects.
            let instruction = FleetFixture.message(run: run, destination: node, group: "2", content: [1])
            instructionID = instruction.message.metadata.messageID
            try await f.service.post(instruction)
            let reply = FleetFixture.message(run: run, source: node, replyTo: instructionID, group: "2", content: [2])
            _ = try await f.push(reply, node: node, key: key)
            try await f.service.saveCheckpoint(run: run, round: 1, record: Array("{}".utf8), blob: [9, 9])
        }
        let reopened = FleetService(store: try SQLiteFleetStore(path: path), now: { clock.now })
        try await reopened.restore()
        #expect(await reopened.onlineNodes == [node])
        #expect(await reopened.storedReply(to: instructionID)?.objects.count == 2)
        let checkpoint = try await reopened.latestCheckpoint(run: run)
        #expect(checkpoint == StoredCheckpoint(run: run, round: 1, record: Array("{}".utf8), blob: [9, 9]))
    }

    @Test func aCheckpointDeletesItsRoundsBytesAndARepeatedPushIsStillAnsweredAsBefore() async throws {
        let f = try await FleetFixture()
        let key: [UInt8] = [4, 5, 6]
        let node = try await f.online(key: key)
        let instruction = FleetFixture.message(run: f.run, destination: node, content: [1])
        try await f.service.post(instruction)
        let reply = FleetFixture.message(run: f.run, source: node, replyTo: instruction.message.metadata.messageID, content: [2])
        _ = try await f.push(reply, node: node, key: key)
        #expect(try f.counts().objects == 4)
        try await f.service.saveCheckpoint(run: f.run, round: 1, record: [], blob: [])
        #expect(try f.counts().objects == 0)
        #expect(try f.counts().messages == 2)
        // The node, not knowing its reply landed, pushes it again: the same answer, nothing to upload.
        #expect(try await f.push(reply, node: node, key: key, objects: false).objectsToPush.isEmpty)
        #expect(try f.counts().objects == 0)
    }

    @Test func aCheckpointIsWrittenWithItsRoundsStatus() throws {
        let store = try SQLiteFleetStore()
        try store.saveRun(StoredRun(id: 1, name: "r", config: [], status: "running"))
        try store.saveCheckpoint(StoredCheckpoint(run: 1, round: 2, record: [1], blob: [2]), status: "completed")
        try store.saveCheckpoint(StoredCheckpoint(run: 1, round: 3, record: [3], blob: [4]), status: "completed")
        #expect(try store.latestCheckpoint(run: 1)?.round == 3)
        #expect(try store.counts().rounds == 2)
        #expect(try store.counts().checkpoints == 2)
    }

    @Test func aPollFindsItsNodesMessagesByDestinationNotByScanningEveryInstruction() throws {
        let store = try SQLiteFleetStore()
        let plan = try store.db.read { db in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + SQLiteFleetStore.messagesSQL(statuses: 1),
                             arguments: [1, "pending", 16]).map { $0["detail"] as String }
        }
        #expect(plan.contains("SEARCH messages USING INDEX messages_dst (dst=? AND status=?)"))
    }

    @Test func nodeIDsAboveInt64MaxRoundTrip() throws {
        let store = try SQLiteFleetStore()
        let node = StoredNode(id: UInt64.max - 1, publicKey: [1], status: .online, heartbeatInterval: 30,
                              lastSeen: Date(timeIntervalSince1970: 5), registeredAt: Date(timeIntervalSince1970: 1))
        try store.saveNode(node)
        #expect(try store.node(UInt64.max - 1) == node)
        #expect(try store.node(publicKey: [1]) == node)
    }
}
