import Foundation
import Testing
@testable import SwiftletFleetServer

@Suite struct RuntimeStoreTests {
    @Test func finishRunMarksTheRunFinishedWithItsOutcome() throws {
        let store = try SQLiteFleetStore()
        try store.saveRun(StoredRun(id: 9, name: "a", config: [], status: "running"))
        try store.finishRun(9, outcome: RunOutcome(.completed, details: "completed 3 rounds"))
        #expect(try store.run(9)?.status == "finished")
        #expect(try store.runOutcome(9) == RunOutcome(.completed, details: "completed 3 rounds"))
    }

    @Test func finishingAnUnknownRunFailsAndChangesNothing() throws {
        let store = try SQLiteFleetStore()
        #expect(throws: FleetStoreError.self) { try store.finishRun(5, outcome: RunOutcome(.failed, details: "")) }
        #expect(try store.runOutcome(5) == nil)
    }

    @Test func runsAreFoundByName() throws {
        let store = try SQLiteFleetStore()
        try store.saveRun(StoredRun(id: 1, name: "a", config: [], status: "finished"))
        try store.saveRun(StoredRun(id: 2, name: "b", config: [], status: "running"))
        try store.saveRun(StoredRun(id: 3, name: "a", config: [], status: "running"))
        #expect(try store.runs(named: "a").map(\.id) == [1, 3])
        #expect(try store.runs(named: "c").isEmpty)
    }

    @Test func anInstructionKeyMapsToItsLatestMessage() throws {
        let store = try SQLiteFleetStore()
        let key = InstructionKey(run: 1, round: 2, attempt: 1, node: 3, type: "train")
        #expect(try store.instruction(key) == nil)
        try store.saveInstruction(key, message: "m1")
        try store.saveInstruction(key, message: "m2")
        #expect(try store.instruction(key) == "m2")
        var retry = key
        retry.attempt = 2
        #expect(try store.instruction(retry) == nil)
    }

    @Test func anInstructionIsRecordedWithItsMessageInOneWrite() throws {
        let store = try SQLiteFleetStore()
        try store.saveRun(StoredRun(id: 1, name: "a", config: [], status: "running"))
        let key = InstructionKey(run: 1, round: 2, attempt: 1, node: 3, type: "train")
        let message = StoredMessage(id: "m1", run: 1, source: 0, destination: 3, type: "train", group: "2", createdAt: 0, ttl: 0,
                                    replyTo: "", status: .pending, metadata: [1], tree: [2])
        try store.saveInstruction(key, message: message, objects: ["o1": [5, 6], "o2": [UInt8]?.none])
        #expect(try store.instruction(key) == "m1")
        #expect(try store.message("m1")?.destination == 3)
        #expect(try store.object("o1") == .some([5, 6]))
        #expect(try store.object("o2") == .some(nil))
    }

    @Test func aRetriedInstructionNamesItsNewMessageAndKeepsTheOld() throws {
        let store = try SQLiteFleetStore()
        try store.saveRun(StoredRun(id: 1, name: "a", config: [], status: "running"))
        let key = InstructionKey(run: 1, round: 2, attempt: 1, node: 3, type: "train")
        func message(_ id: String) -> StoredMessage {
            StoredMessage(id: id, run: 1, source: 0, destination: 3, type: "train", group: "2", createdAt: 0, ttl: 0,
                          replyTo: "", status: .pending, metadata: [], tree: [])
        }
        try store.saveInstruction(key, message: message("m1"), objects: [:])
        try store.saveInstruction(key, message: message("m2"), objects: [:])
        #expect(try store.instruction(key) == "m2")
        #expect(try store.message("m1") != nil && store.message("m2") != nil)
    }
}
