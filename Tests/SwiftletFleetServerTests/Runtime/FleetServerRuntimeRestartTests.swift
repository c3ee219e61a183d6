import Foundation
import SwiftletFederated
import SwiftletFleetProtocol
import Testing
@testable import SwiftletFleetServer

@Suite struct FleetServerRuntimeRestartTests {
    @Test func aRestartMidRoundResumesWithTheSameInstructionsAndTheSameModel() async throws {
        // The uninterrupted run, for reference.
        let reference = try await RuntimeHarness.fresh(rounds: 3)
        defer { reference.remove() }
        let referenceRun = reference.start()
        for _ in 1...3 { try await reference.trainAll() }
        let expected = try await referenceRun.value

        // Two rounds, then round 3 interrupted after A pushed its reply and B, C took their instructions.
        let first = try await RuntimeHarness.fresh(rounds: 3)
        defer { first.remove() }
        let firstRun = first.start()
        for _ in 1...2 { try await first.trainAll() }
        let (a, b, c) = (first.nodes[0], first.nodes[1], first.nodes[2])
        try await a.pullAndTrain(delta: RuntimeHarness.updates[0].delta, examples: 1)
        let instructionB = try await b.pull()
        let instructionC = try await c.pull()
        firstRun.cancel()
        let interrupted = try await firstRun.value
        #expect(interrupted.stopReason == .cancelled(round: 2))
        let runID = try #require(await first.runtime.runID)
        let messagesBefore = try first.store.counts().messages

        // A new service and runtime on the same file: round 3 again, against the same messages.
        let second = try await RuntimeHarness(path: first.path, rounds: 3, nodes: first.nodes, wallTime: 1_800_000_100)
        let secondRun = second.start()
        await second.recorder.wait(until: { events in
            events.contains { if case .roundStarted(3, _, _) = $0 { true } else { false } }
        })
        #expect(try await second.nodes[1].pullOnce() == nil)  // nothing new for B: its instruction stands
        try await second.nodes[1].train(instructionB, delta: RuntimeHarness.updates[1].delta, examples: 1)
        try await second.nodes[2].train(instructionC, delta: RuntimeHarness.updates[2].delta, examples: 2)
        let resumed = try await secondRun.value

        #expect(await second.runtime.runID == runID)
        #expect(resumed.parameters == expected.parameters)
        #expect(resumed.parameters.values == [6, 6])
        let round3 = resumed.history.records.filter { $0.round == 3 }
        #expect(round3.count == 1)
        #expect(round3.first?.accepted.count == 3)
        #expect(round3.first?.accepted.filter { $0 == NodeID(a.id) }.count == 1)
        // Only the two new replies were added: no instruction was issued twice.
        #expect(try second.store.counts().messages == messagesBefore + 2)
        let key = InstructionKey(run: runID, round: 3, attempt: 1, node: b.id, type: FleetMessageType.train)
        #expect(try second.store.instruction(key) == instructionB.messageID)
    }
}
