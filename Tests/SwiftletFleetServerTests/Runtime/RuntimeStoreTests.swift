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
}
