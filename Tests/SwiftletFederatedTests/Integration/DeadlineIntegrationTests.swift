import Testing
@testable import SwiftletFederated

/// A round's deadline with real `ModelClient`s: a straggler is timed out, the round completes with the nine
/// results in hand, and the straggler's answer, when it finally comes, is recorded as late and discarded.
@Suite struct DeadlineIntegrationTests {
    typealias Problem = FederatedProblem

    @Test func aStragglersLateResultIsRecordedAndNeverAggregated() async throws {
        let clock = ManualClock()
        let straggler = Gate()
        let clients = Problem.honest(1...9)
            + [(10, HookedClient(inner: Problem.client(node: 10)) { _ in await straggler.wait() })]
        let engine = await Problem.engine(FedAvg(options: Problem.options(minimum: 5)), config: Problem.config(rounds: 1),
                                          clients: clients, clock: clock)
        let log = EventLog()
        let recording = log.record(engine.events())
        let running = Task { try await engine.run() }
        await log.wait { $0.filter(\.isReceived).count == 9 }
        await clock.waitForSleepers(1)
        clock.advance(by: .seconds(3_600))
        let result = try await running.value
        _ = await recording.value

        let record = result.history.records[1]
        #expect(record.status == .completed)
        #expect(record.accepted.count == 9)
        #expect(record.timedOut == [10])
        #expect(record.duration == 3_600)
        #expect(await log.events.contains(.nodeTimedOut(round: 1, node: 10)))

        // The device finishes training after the round closed: recorded as late, the model untouched.
        straggler.open()
        while await engine.history.records[1].late.isEmpty { await Task.yield() }
        #expect(await engine.history.records[1].late == [10])
        #expect(await engine.parameters == result.parameters)

        // Bit-identical to node 10 failing outright: the same sample, and nothing of node 10's aggregated.
        let failing = Problem.honest(1...9) + [(10, ScriptedClient(behaviour: .fails))]
        let reference = try await Problem.run(FedAvg(options: Problem.options(minimum: 5)), rounds: 1, clients: failing)
        #expect(result.parameters == reference.parameters)
    }
}
