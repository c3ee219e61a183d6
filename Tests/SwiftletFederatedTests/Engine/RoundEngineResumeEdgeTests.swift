import Testing
@testable import SwiftletFederated

/// Resuming checkpoints that are already finished, or that do not fit the engine.
@Suite struct RoundEngineResumeEdgeTests {
    func checkpoint(round: Int, strategy: String = "FedAvg", values: [Float] = [3, 3],
                    state: StrategyState = StrategyState(), elapsed: Duration = .zero) -> EngineCheckpoint {
        let records = (1...max(round, 1)).prefix(round).map { RoundRecord(round: $0) }
        return EngineCheckpoint(round: round, elapsed: elapsed, strategy: strategy, parameters: ArrayRecord(flat: values),
                                history: History(records: records), strategyState: state)
    }

    func engine(rounds: Int = 3) async -> RoundEngine<FedAvg, ManualClock> {
        let engine = RoundEngine(strategy: FedAvg(options: testOptions()), config: testConfig(rounds: rounds), clock: ManualClock())
        await engine.join(1, client: ScriptedClient(behaviour: .offset(1)))
        await engine.join(2, client: ScriptedClient(behaviour: .offset(1)))
        return engine
    }

    @Test func resumingAFinishedCheckpointFinishesAtOnce() async throws {
        let result = try await engine(rounds: 3).run(resumingFrom: checkpoint(round: 3))
        #expect(result.stopReason == .roundsCompleted(3))
        #expect(result.parameters.values == [3, 3])
        #expect(result.history.records.map(\.round) == [1, 2, 3])
    }

    @Test func resumingPastTheConfiguredRoundsFinishesAtOnce() async throws {
        let result = try await engine(rounds: 2).run(resumingFrom: checkpoint(round: 4))
        #expect(result.stopReason == .roundsCompleted(4))
        #expect(result.history.records.count == 4)
    }

    @Test func resumedRunContinuesAtTheNextRoundFromTheCheckpointsModel() async throws {
        let result = try await engine(rounds: 3).run(resumingFrom: checkpoint(round: 1))
        #expect(result.stopReason == .roundsCompleted(3))
        #expect(result.history.records.map(\.round) == [1, 2, 3])
        #expect(result.parameters.values == [5, 5])
    }

    @Test func resumedRunContinuesTheEngineClock() async throws {
        let clock = ManualClock()
        let engine = RoundEngine(strategy: FedAvg(options: testOptions(minimum: 1, minimumAvailable: 1)),
                                 config: testConfig(rounds: 2), clock: clock)
        await engine.join(1, client: ScriptedClient(behaviour: .offset(1), advanceClock: (clock, .seconds(10))))
        let result = try await engine.run(resumingFrom: checkpoint(round: 1, elapsed: .seconds(40)))
        #expect(result.history.records.map(\.startTime) == [0, 40])
    }

    @Test func checkpointPastTheTimeBudgetFinishesAtOnce() async throws {
        var config = testConfig(rounds: 5)
        config.timeBudget = .seconds(30)
        let engine = RoundEngine(strategy: FedAvg(options: testOptions()), config: config, clock: ManualClock())
        let result = try await engine.run(resumingFrom: checkpoint(round: 2, elapsed: .seconds(31)))
        #expect(result.stopReason == .timeBudgetExhausted(round: 2))
    }

    @Test func checkpointOfAnotherStrategyIsRefused() async throws {
        let engine = await engine()
        await #expect(throws: FederationError.invalidCheckpoint(reason: "written by strategy FedAdam, this engine runs FedAvg")) {
            try await engine.run(resumingFrom: checkpoint(round: 1, strategy: "FedAdam"))
        }
        #expect(await engine.phase == .idle)
        #expect(await engine.history.records.isEmpty)
    }

    @Test func checkpointWithAnotherModelLayoutIsRefused() async throws {
        let engine = await engine()
        await #expect(throws: FederationError.self) {
            try await engine.run(resumingFrom: checkpoint(round: 1, values: [1, 2, 3]))
        }
        #expect(await engine.parameters == nil)
    }

    @Test func stateOfAnotherShapeThanTheModelIsRefused() async throws {
        let strategy = try FedAvgM(serverMomentum: 0.5, options: testOptions())
        let engine = RoundEngine(strategy: strategy, config: testConfig(rounds: 3), clock: ManualClock())
        let state = StrategyState(arrays: ["velocity": ArrayRecord(flat: [1, 2, 3], name: "velocity")])
        await #expect(throws: FederationError.invalidCheckpoint(reason: "strategy state array 'velocity' has 3 values, the model 2")) {
            try await engine.run(resumingFrom: checkpoint(round: 1, strategy: "FedAvgM", state: state))
        }
        #expect(await engine.strategy.velocity.isEmpty)
    }

    @Test func stateTheStrategyCannotHoldIsRefusedWithTheStrategysReason() async throws {
        let engine = await engine()
        let state = StrategyState(ints: ["steps": 3])
        let expected = CheckpointError.incompatibleState(
            strategy: "FedAvg", reason: "the strategy keeps no state between rounds, the checkpoint holds [\"steps\"]")
        await #expect(throws: FederationError.invalidCheckpoint(reason: expected.description)) {
            try await engine.run(resumingFrom: checkpoint(round: 1, state: state))
        }
    }

    @Test func historyRunningPastTheCheckpointIsRefused() async throws {
        var bad = checkpoint(round: 1)
        bad.history.records.append(RoundRecord(round: 2))
        let engine = await engine()
        await #expect(throws: FederationError.invalidCheckpoint(reason: "the history holds round 2, after the checkpoint's round 1")) {
            try await engine.run(resumingFrom: bad)
        }
    }

    @Test func resumingTwiceIsRefused() async throws {
        let engine = await engine()
        _ = try await engine.run(resumingFrom: checkpoint(round: 3))
        await #expect(throws: FederationError.alreadyStarted) { try await engine.run(resumingFrom: checkpoint(round: 3)) }
    }
}
