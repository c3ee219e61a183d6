import Testing
@testable import SwiftletFederated

@Suite struct RoundEngineStopTests {
    @Test func failedRoundIsRetriedWithAFreshSampleThenStops() async throws {
        // Minimum 3 of 3 nodes, one of which always fails: every attempt fails.
        let engine = RoundEngine(strategy: FedAvg(options: testOptions(minimum: 3)),
                                 config: testConfig(rounds: 3, onFailure: .retry(attempts: 2)), clock: ManualClock())
        await engine.join(1, client: ScriptedClient(behaviour: .offset(1)))
        await engine.join(2, client: ScriptedClient(behaviour: .offset(1)))
        await engine.join(3, client: ScriptedClient(behaviour: .fails))
        let result = try await engine.run()
        #expect(result.history.records.map(\.attempt) == [1, 2, 3])
        #expect(result.history.records.allSatisfy { $0.round == 1 && $0.status == .failed })
        #expect(result.stopReason == .roundFailed(round: 1, reason: "2 results accepted, 3 required"))
        #expect(result.parameters.values == [0, 0])
    }

    @Test func skipPolicyKeepsTheModelAndGoesOn() async throws {
        let engine = RoundEngine(strategy: FedAvg(options: testOptions(minimum: 3)),
                                 config: testConfig(rounds: 2, onFailure: .skip), clock: ManualClock())
        await engine.join(1, client: ScriptedClient(behaviour: .offset(1)))
        await engine.join(2, client: ScriptedClient(behaviour: .offset(1)))
        await engine.join(3, client: ScriptedClient(behaviour: .fails))
        let result = try await engine.run()
        #expect(result.history.records.map(\.round) == [1, 2])
        #expect(result.stopReason == .roundsCompleted(2))
        #expect(result.parameters.values == [0, 0])
    }

    @Test func targetAccuracyStopsTheRunEarly() async throws {
        var options = testOptions()
        // Accuracy 0.3 per unit of the first parameter: 0.3 at round 1 (value 1), 0.6, 0.9 at round 3.
        options.centralEvaluation = { _, parameters in Evaluation(loss: 1, metrics: ["accuracy": .double(0.3 * Double(parameters.values[0]))]) }
        var config = testConfig(rounds: 10, centralEvery: 1)
        config.targetAccuracy = 0.85
        let engine = RoundEngine(strategy: FedAvg(options: options), config: config, clock: ManualClock())
        await engine.join(1, client: ScriptedClient(behaviour: .offset(1)))
        await engine.join(2, client: ScriptedClient(behaviour: .offset(1)))
        let result = try await engine.run()
        #expect(result.stopReason == .targetReached(round: 3, accuracy: 0.3 * 3))
        #expect(result.history.records.first?.round == 0)
        #expect(result.history.records.first?.centralEvaluation?.metrics.scalar("accuracy") == 0)
        #expect(result.history.completedRounds == 3)
    }

    @Test func timeBudgetStopsAfterTheRoundThatExhaustsIt() async throws {
        let clock = ManualClock()
        var config = testConfig(rounds: 10)
        config.timeBudget = .seconds(25)
        let engine = RoundEngine(strategy: FedAvg(options: testOptions(minimum: 1, minimumAvailable: 1)), config: config, clock: clock)
        // Each round takes 10 s of the engine's clock: the run stops after round 3 (30 s ≥ 25 s).
        await engine.join(1, client: ScriptedClient(behaviour: .offset(1), advanceClock: (clock, .seconds(10))))
        let result = try await engine.run()
        #expect(result.stopReason == .timeBudgetExhausted(round: 3))
        #expect(result.history.records.map(\.startTime) == [0, 10, 20])
        #expect(result.history.records.map(\.duration) == [10, 10, 10])
    }

    @Test func federatedEvaluationIsTheExampleWeightedMean() async throws {
        let engine = RoundEngine(strategy: FedAvg(options: testOptions()), config: testConfig(evaluateEvery: 1), clock: ManualClock())
        await engine.join(1, client: ScriptedClient(behaviour: .offset(1), evaluation: EvaluateResult(loss: 2, exampleCount: 10, metrics: ["accuracy": 0.5])))
        await engine.join(2, client: ScriptedClient(behaviour: .offset(1), evaluation: EvaluateResult(loss: 4, exampleCount: 30, metrics: ["accuracy": 0.9])))
        await engine.join(3, client: ScriptedClient(behaviour: .offset(1), evaluation: EvaluateResult(loss: .nan, exampleCount: 30)))
        let result = try await engine.run()
        let evaluation = try #require(result.history.records[0].federatedEvaluation)
        // (2·10 + 4·30) / 40 = 3.5; (0.5·10 + 0.9·30) / 40 = 0.8; node 3's NaN loss is refused.
        #expect(evaluation.loss == 3.5)
        #expect(evaluation.metrics.scalar("accuracy") == 0.8)
        #expect(result.history.records[0].evaluationFailures == [NodeFailure(node: 3, kind: .rejected, reason: "non-finite loss")])
    }

    @Test func invalidConfigurationIsRefusedBeforeAnythingRuns() async throws {
        var config = testConfig()
        config.rounds = 0
        let engine = RoundEngine(strategy: FedAvg(options: testOptions()), config: config, clock: ManualClock())
        await #expect(throws: FederationError.invalidConfiguration(setting: "rounds", reason: "must be at least 1, got 0")) {
            try await engine.run()
        }
    }

    @Test func anEngineRunsOnlyOnce() async throws {
        let engine = RoundEngine(strategy: FedAvg(options: testOptions(minimum: 1, minimumAvailable: 1)), config: testConfig(), clock: ManualClock())
        await engine.join(1, client: ScriptedClient(behaviour: .offset(1)))
        _ = try await engine.run()
        await #expect(throws: FederationError.alreadyStarted) { try await engine.run() }
    }

    @Test func eventsNarrateTheRoundInOrder() async throws {
        let engine = RoundEngine(strategy: FedAvg(options: testOptions(minimum: 1, minimumAvailable: 1)), config: testConfig(), clock: ManualClock())
        let log = EventLog()
        let recording = log.record(engine.events())
        await engine.join(1, client: ScriptedClient(behaviour: .offset(1)))
        await engine.join(2, client: ScriptedClient(behaviour: .values([.nan, 0])))
        let result = try await engine.run()
        _ = await recording.value
        let events = await log.events
        guard case .roundStarted(1, 1, let nodes) = events.first else { Issue.record("first event \(String(describing: events.first))"); return }
        #expect(Set(nodes) == [1, 2])
        #expect(events.filter(\.isReceived).count == 2)
        #expect(events.contains(.resultAccepted(round: 1, node: 1, exampleCount: 10)))
        #expect(events.contains(.resultRejected(round: 1, node: 2, reason: .nonFinite(array: "values", index: 0))))
        #expect(events.suffix(2) == [.roundFinished(result.history.records[0]), .finished(.roundsCompleted(1))])
    }
}
