import Foundation
import SwiftletFederated
import Testing
@testable import SwiftletFleetServer

@Suite struct FleetServerRuntimeNodeTests {
    /// Waits until the runtime's node availability satisfies `predicate`; bounded by 30 s of wall time, which
    /// only a hung runtime reaches.
    func eventually(_ runtime: FleetServerRuntime<FedAvg, ManualClock>,
                    _ predicate: ([UInt64: Bool]) -> Bool) async throws {
        let deadline = ContinuousClock.now.advanced(by: .seconds(30))
        while ContinuousClock.now < deadline {
            if predicate(await runtime.nodeAvailability) { return }
            await Task.yield()
        }
        Issue.record("node availability never reached the expected state: \(await runtime.nodeAvailability)")
        throw NodeTestError.unexpected("timed out")
    }

    @Test func aSilentNodeIsUnavailableAtOnceLeavesAfterItsGraceAndRejoinsWhenBack() async throws {
        let wall = DrivenClock()
        let h = try await RuntimeHarness.fresh(rounds: 1, wall: wall, nodeGrace: .seconds(30))
        defer { h.remove() }
        let run = h.start()
        let (a, b, c) = (h.nodes[0], h.nodes[1], h.nodes[2])
        try await eventually(h.runtime) { $0.count == 3 }
        let instructionA = try await a.pull()  // round 1 has started with all three

        // Past 30 s × 2 without a heartbeat every node expires; A and B come back with theirs, C stays silent.
        wall.advance(61)
        #expect(try await a.heartbeat())
        #expect(try await b.heartbeat())
        try await eventually(h.runtime) { $0 == [a.id: true, b.id: true, c.id: false] }

        // The grace passes on the engine's clock (before the round's 60 s deadline): C leaves.
        await h.clock.waitForSleepers(4)  // the round's deadline and three grace timers
        h.clock.advance(by: .seconds(30))
        try await eventually(h.runtime) { $0 == [a.id: true, b.id: true] }

        // C comes back and joins again; its call in flight still counts when it answers.
        #expect(try await c.heartbeat())
        try await eventually(h.runtime) { $0 == [a.id: true, b.id: true, c.id: true] }
        let updates = RuntimeHarness.updates
        try await a.train(instructionA, delta: updates[0].delta, examples: updates[0].examples)
        try await b.pullAndTrain(delta: updates[1].delta, examples: updates[1].examples)
        try await c.pullAndTrain(delta: updates[2].delta, examples: updates[2].examples)
        let result = try await run.value
        #expect(result.parameters.values == [2, 2])
        #expect(result.history.records.last?.accepted.count == 3)
    }
}
