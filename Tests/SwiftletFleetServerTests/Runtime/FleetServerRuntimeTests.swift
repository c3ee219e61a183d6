import Foundation
import SwiftletFederated
import SwiftletFleetProtocol
import Testing
@testable import SwiftletFleetServer

@Suite struct FleetServerRuntimeTests {
    @Test func threeRoundsWithThreeNodesEndWithTheFedAvgModel() async throws {
        let h = try await RuntimeHarness.fresh(rounds: 3)
        defer { h.remove() }
        let run = h.start()
        for _ in 1...3 { try await h.trainAll() }
        let result = try await run.value
        // Weighted by examples 1, 1, 2: ((4,0) + (0,0) + 2·(2,4)) / 4 = (2, 2) per round.
        #expect(result.parameters.values == [6, 6])
        #expect(result.stopReason == .roundsCompleted(3))
        #expect(result.history.records.map(\.accepted.count) == [3, 3, 3])
        #expect(await h.runtime.state == .finished)
    }

    @Test func aNodeSilentInRoundTwoIsDroppedAtTheDeadline() async throws {
        let h = try await RuntimeHarness.fresh(rounds: 2)
        defer { h.remove() }
        let run = h.start()
        try await h.trainAll()
        let (a, b, c) = (h.nodes[0], h.nodes[1], h.nodes[2])
        try await a.pullAndTrain(delta: RuntimeHarness.updates[0].delta, examples: 1)
        try await b.pullAndTrain(delta: RuntimeHarness.updates[1].delta, examples: 1)
        _ = try await c.pull()  // C takes its instruction and never answers.
        await h.recorder.wait(until: EventRecorder.received(2, round: 2))
        h.clock.advance(by: RuntimeHarness.timeout)
        let result = try await run.value
        // Round 1: (2, 2). Round 2 without C: ((6,2) + (2,2)) / 2 = (4, 2).
        #expect(result.parameters.values == [4, 2])
        let round2 = try #require(result.history.records.last)
        #expect(round2.round == 2)
        #expect(round2.timedOut == [NodeID(c.id)])
        #expect(Set(round2.accepted) == [NodeID(a.id), NodeID(b.id)])
    }

    @Test func aReplyWithWrongShapesIsAFailureAndLeavesTheModelClean() async throws {
        let h = try await RuntimeHarness.fresh(rounds: 1)
        defer { h.remove() }
        let run = h.start()
        let (a, b, c) = (h.nodes[0], h.nodes[1], h.nodes[2])
        try await a.pullAndTrain(delta: RuntimeHarness.updates[0].delta, examples: 1)
        try await b.pullAndTrain(delta: RuntimeHarness.updates[1].delta, examples: 1)
        let instruction = try await c.pull()
        let bad = FitResult(parameters: try ArrayRecord(specs: [ArraySpec(name: "w", shape: [3])], values: [1e6, 1e6, 1e6]),
                            exampleCount: 1000)
        try await c.reply(to: instruction, content: try FleetContentMapping.content(bad, encoding: .swiftletF32LE))
        let result = try await run.value
        #expect(result.parameters.values == [2, 0])
        let record = try #require(result.history.records.last)
        #expect(record.failed.map(\.node) == [NodeID(c.id)])
        #expect(record.failed.first?.reason.contains("shape") == true)
        #expect(!record.accepted.contains(NodeID(c.id)))
    }

    @Test func getRunReportsFinishedAndCompletedAtTheEnd() async throws {
        let h = try await RuntimeHarness.fresh(rounds: 1)
        defer { h.remove() }
        let run = h.start()
        let runID = try await waitForRunID(h.runtime)
        let before = try await h.nodes[0].getRun(runID)
        #expect(before.run.status.status == "running")
        try await h.trainAll()
        _ = try await run.value
        let after = try await h.nodes[0].getRun(runID)
        #expect(after.run.status.status == "finished")
        #expect(after.run.status.subStatus == "completed")
        #expect(after.run.fabID == "harness")
    }

    @Test func aFinishedRunNameIsRefusedByName() async throws {
        let h = try await RuntimeHarness.fresh(rounds: 1)
        defer { h.remove() }
        let run = h.start()
        try await h.trainAll()
        _ = try await run.value
        let runID = try #require(await h.runtime.runID)
        let again = try await RuntimeHarness(path: h.path, rounds: 1, nodes: h.nodes)
        await #expect(throws: FleetRuntimeError.runAlreadyFinished(name: "harness", run: runID)) {
            _ = try await again.runtime.run()
        }
    }

    @Test func stopMarksTheRunStopped() async throws {
        let h = try await RuntimeHarness.fresh(rounds: 3)
        defer { h.remove() }
        let run = h.start()
        try await h.trainAll()
        _ = try await h.nodes[0].pull()  // round 2 has started
        await h.runtime.stop()
        let result = try await run.value
        #expect(result.stopReason == .cancelled(round: 1))
        #expect(result.parameters.values == [2, 2])
        let status = try await h.nodes[0].getRun(try #require(await h.runtime.runID)).run.status
        #expect(status.status == "finished")
        #expect(status.subStatus == "stopped")
        #expect(await h.runtime.state == .stopped)
    }

    /// The run's id once `run()` has opened it.
    func waitForRunID(_ runtime: FleetServerRuntime<FedAvg, ManualClock>) async throws -> UInt64 {
        for _ in 0..<100_000 {
            if let id = await runtime.runID { return id }
            await Task.yield()
        }
        throw NodeTestError.unexpected("the runtime never opened its run")
    }
}
