import Testing
@testable import SwiftletFederated

@Suite struct RoundEngineDeadlineTests {
    @Test func roundCompletesAtTheDeadlineWithTheResultsInHand() async throws {
        let clock = ManualClock()
        let slow = Gate()
        let engine = RoundEngine(strategy: FedAvg(options: testOptions(minimum: 2)), config: testConfig(), clock: clock)
        let log = EventLog()
        let recording = log.record(engine.events())
        await engine.join(1, client: ScriptedClient(behaviour: .offset(1)))
        await engine.join(2, client: ScriptedClient(behaviour: .offset(3)))
        await engine.join(3, client: ScriptedClient(behaviour: .offset(100), gate: slow))
        let running = Task { try await engine.run() }
        await log.wait { $0.filter(\.isReceived).count == 2 }
        await clock.waitForSleepers(1)
        clock.advance(by: .seconds(60))
        let result = try await running.value
        #expect(result.parameters.values == [2, 2])
        #expect(result.history.records[0].timedOut == [3])
        #expect(result.history.records[0].duration == 60)

        _ = await recording.value
        // The straggler answers after the round (and here the run) closed: discarded, and recorded as late.
        #expect(await engine.history.records[0].late.isEmpty)
        slow.open()
        while await engine.history.records[0].late.isEmpty { await Task.yield() }
        #expect(await engine.history.records[0].late == [3])
        #expect(await engine.parameters?.values == [2, 2])
    }

    @Test func tooFewResultsByTheDeadlineFailTheRoundInsteadOfHanging() async throws {
        let clock = ManualClock()
        let never = Gate()
        let engine = RoundEngine(strategy: FedAvg(options: testOptions(minimum: 2)), config: testConfig(onFailure: .stop), clock: clock)
        let log = EventLog()
        _ = log.record(engine.events())
        await engine.join(1, client: ScriptedClient(behaviour: .offset(1)))
        await engine.join(2, client: ScriptedClient(behaviour: .offset(3), gate: never))
        let running = Task { try await engine.run() }
        await log.wait { $0.filter(\.isReceived).count == 1 }
        await clock.waitForSleepers(1)
        clock.advance(by: .seconds(60))
        let result = try await running.value
        #expect(result.stopReason == .roundFailed(round: 1, reason: "1 results accepted, 2 required"))
        #expect(result.parameters.values == [0, 0])
        #expect(result.history.records[0].status == .failed)
        never.open()
    }

    @Test func engineWaitsForTheMinimumAvailableNodesBeforeSampling() async throws {
        let clock = ManualClock()
        let engine = RoundEngine(strategy: FedAvg(options: testOptions(minimum: 2, minimumAvailable: 3)), config: testConfig(), clock: clock)
        let log = EventLog()
        _ = log.record(engine.events())
        await engine.join(1, client: ScriptedClient(behaviour: .offset(1)))
        await engine.join(2, client: ScriptedClient(behaviour: .offset(2)))
        let running = Task { try await engine.run() }
        await log.wait { $0.contains(where: \.isWaiting) }
        await engine.join(3, client: ScriptedClient(behaviour: .offset(3)))
        let result = try await running.value
        #expect(result.parameters.values == [2, 2])
        #expect(result.history.records[0].sampled.count == 3)
    }

    @Test func roundClockAndDeadlineStartOnceItsNodesAreAvailable() async throws {
        let clock = ManualClock()
        let slow = Gate()
        let engine = RoundEngine(strategy: FedAvg(options: testOptions(minimum: 2, minimumAvailable: 3)), config: testConfig(), clock: clock)
        let log = EventLog()
        _ = log.record(engine.events())
        await engine.join(1, client: ScriptedClient(behaviour: .offset(1)))
        await engine.join(2, client: ScriptedClient(behaviour: .offset(3)))
        let running = Task { try await engine.run() }
        await log.wait { $0.contains(where: \.isWaiting) }
        await clock.waitForSleepers(1)
        clock.advance(by: .seconds(20))  // the third node registers 20 s into the wait
        await engine.join(3, client: ScriptedClient(behaviour: .offset(100), gate: slow))
        await log.wait { $0.filter(\.isReceived).count == 2 }
        await clock.waitForSleepers(1)
        clock.advance(by: .seconds(60))  // the 60 s deadline, counted from sampling at t = 20 s
        let result = try await running.value
        slow.open()
        #expect(result.history.records[0].startTime == 20)
        #expect(result.history.records[0].duration == 60)
        #expect(result.history.records[0].timedOut == [3])
    }

    @Test func availabilityTimeoutFailsTheRound() async throws {
        let clock = ManualClock()
        let engine = RoundEngine(strategy: FedAvg(options: testOptions(minimum: 2, minimumAvailable: 3)), config: testConfig(), clock: clock)
        let log = EventLog()
        _ = log.record(engine.events())
        await engine.join(1, client: ScriptedClient(behaviour: .offset(1)))
        let running = Task { try await engine.run() }
        await log.wait { $0.contains(where: \.isWaiting) }
        await clock.waitForSleepers(1)
        clock.advance(by: .seconds(30))
        let result = try await running.value
        #expect(result.stopReason == .roundFailed(round: 1, reason: "only 1 of the 3 nodes required were available"))
    }

    @Test func unavailableNodesAreNotSampled() async throws {
        let engine = RoundEngine(strategy: FedAvg(options: testOptions(minimum: 1, minimumAvailable: 1)), config: testConfig(), clock: ManualClock())
        await engine.join(1, client: ScriptedClient(behaviour: .offset(1)))
        await engine.join(2, client: ScriptedClient(behaviour: .offset(5)))
        await engine.setAvailability(2, available: false)
        let result = try await engine.run()
        #expect(result.history.records[0].sampled == [1])
        #expect(result.parameters.values == [1, 1])
    }

    @Test func cancellingTheRunAbandonsTheRoundInProgress() async throws {
        let clock = ManualClock()
        let never = Gate()
        let engine = RoundEngine(strategy: FedAvg(options: testOptions(minimum: 1, minimumAvailable: 1)), config: testConfig(rounds: 5), clock: clock)
        let log = EventLog()
        _ = log.record(engine.events())
        await engine.join(1, client: ScriptedClient(behaviour: .offset(1), gate: never))
        let running = Task { try await engine.run() }
        await log.wait { $0.contains { if case .roundStarted = $0 { true } else { false } } }
        running.cancel()
        let result = try await running.value
        #expect(result.stopReason == .cancelled(round: 0))
        #expect(result.parameters.values == [0, 0])
        never.open()
    }
}
