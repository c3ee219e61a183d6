import Testing
import Synchronization
@testable import SwiftletFederated

/// Kill-and-restart at a round boundary: a run interrupted after round 3 and resumed from its checkpoint by a
/// fresh engine and a fresh strategy ends exactly where an uninterrupted run does.
@Suite struct RoundEngineResumeTests {
    typealias Problem = FederatedProblem

    /// The strategies with state worth checkpointing, and FedAvg as the stateless baseline.
    enum Kind: String, CaseIterable, CustomTestStringConvertible {
        case fedAvg, fedAvgM, fedAdam, scaffold
        var testDescription: String { rawValue }

        func run(rounds: Int, clients: [(NodeID, any Client)], resumingFrom checkpoint: EngineCheckpoint? = nil,
                 save: RoundCompletion? = nil) async throws -> FederationResult {
            let options = Problem.options()
            switch self {
            case .fedAvg: return try await Self.run(FedAvg(options: options), rounds, clients, checkpoint, save)
            case .fedAvgM: return try await Self.run(try FedAvgM(serverMomentum: 0.5, options: options), rounds, clients, checkpoint, save)
            case .fedAdam: return try await Self.run(try FedAdam(learningRate: 0.05, tau: 1e-3, options: options), rounds, clients, checkpoint, save)
            case .scaffold: return try await Self.run(try SCAFFOLD(nodeCount: clients.count, options: options), rounds, clients, checkpoint, save)
            }
        }

        static func run<S: Strategy>(_ strategy: S, _ rounds: Int, _ clients: [(NodeID, any Client)],
                                     _ checkpoint: EngineCheckpoint?, _ save: RoundCompletion?) async throws -> FederationResult {
            var config = Problem.config(rounds: rounds)
            config.roundCompletion = save
            let engine = await Problem.engine(strategy, config: config, clients: clients)
            if let checkpoint { return try await engine.run(resumingFrom: checkpoint) }
            return try await engine.run()
        }
    }

    @Test(arguments: Kind.allCases)
    func resumedRunMatchesAnUninterruptedOneBitForBit(_ kind: Kind) async throws {
        let uninterrupted = try await kind.run(rounds: 6, clients: Problem.honest())

        // The devices outlive the server: the same clients (SCAFFOLD's keep their control variates) serve both halves.
        let devices = Problem.honest()
        let saved = Mutex<[UInt8]?>(nil)
        let first = try await kind.run(rounds: 3, clients: devices) { checkpoint in saved.withLock { $0 = checkpoint.encoded() } }
        #expect(first.stopReason == .roundsCompleted(3))
        let checkpoint = try EngineCheckpoint(decoding: try #require(saved.withLock { $0 }))
        #expect(checkpoint.round == 3)
        #expect(checkpoint.strategyState.isEmpty == (kind == .fedAvg))

        let resumed = try await kind.run(rounds: 6, clients: devices, resumingFrom: checkpoint)
        #expect(resumed.stopReason == .roundsCompleted(6))
        #expect(resumed.parameters != checkpoint.parameters)
        #expect(checkpoint.parameters != Problem.initialParameters)
        #expect(resumed.parameters.values.map(\.bitPattern) == uninterrupted.parameters.values.map(\.bitPattern))
        #expect(resumed.history == uninterrupted.history)
        #expect(resumed.history.records.map(\.round) == [0, 1, 2, 3, 4, 5, 6])
    }

    @Test func hookIsAwaitedBeforeTheNextRoundStarts() async throws {
        let log = LockedLog<String>()
        var config = testConfig(rounds: 3)
        config.roundCompletion = { checkpoint in log.append("saved \(checkpoint.round)") }
        let engine = RoundEngine(strategy: FedAvg(options: testOptions(minimum: 1, minimumAvailable: 1)), config: config,
                                 clock: ManualClock())
        await engine.join(1, client: HookedClient(inner: ScriptedClient(behaviour: .offset(1))) { log.append("fit \($0)") })
        _ = try await engine.run()
        #expect(log.elements == ["fit 1", "saved 1", "fit 2", "saved 2", "fit 3", "saved 3"])
    }

    @Test func checkpointCarriesTheRoundsModelHistoryAndState() async throws {
        let saved = LockedLog<EngineCheckpoint>()
        var config = testConfig(rounds: 2)
        config.roundCompletion = { saved.append($0) }
        let engine = RoundEngine(strategy: try FedAvgM(serverMomentum: 0.5, options: testOptions()), config: config, clock: ManualClock())
        await engine.join(1, client: ScriptedClient(behaviour: .offset(1)))
        await engine.join(2, client: ScriptedClient(behaviour: .offset(1)))
        _ = try await engine.run()
        let checkpoints = saved.elements
        #expect(checkpoints.map(\.round) == [1, 2])
        #expect(checkpoints.map(\.strategy) == ["FedAvgM", "FedAvgM"])
        // Δ = −1: v = −1, x = 1; then v = 0.5·(−1) − 1 = −1.5, x = 1 + 1.5 = 2.5.
        #expect(checkpoints.map(\.parameters.values) == [[1, 1], [2.5, 2.5]])
        #expect(checkpoints[1].strategyState.arrays["velocity"]?.values == [-1.5, -1.5])
        #expect(checkpoints.map { $0.history.records.map(\.round) } == [[1], [1, 2]])
    }

    @Test func throwingHookStopsTheRunAfterTheRoundItFailedOn() async throws {
        struct DiskFull: Error, CustomStringConvertible { var description: String { "disk full" } }
        var config = testConfig(rounds: 5)
        config.roundCompletion = { checkpoint in if checkpoint.round == 2 { throw DiskFull() } }
        let engine = RoundEngine(strategy: FedAvg(options: testOptions()), config: config, clock: ManualClock())
        await engine.join(1, client: ScriptedClient(behaviour: .offset(1)))
        await engine.join(2, client: ScriptedClient(behaviour: .offset(1)))
        let result = try await engine.run()
        #expect(result.stopReason == .checkpointFailed(round: 2, reason: "disk full"))
        #expect(result.history.records.map(\.round) == [1, 2])
        #expect(result.parameters.values == [2, 2])
        #expect(await engine.phase == .finished(.checkpointFailed(round: 2, reason: "disk full")))
    }

    @Test func skippedRoundIsCheckpointedWithTheUnchangedModel() async throws {
        let saved = LockedLog<EngineCheckpoint>()
        var config = testConfig(rounds: 2, onFailure: .skip)
        config.roundCompletion = { saved.append($0) }
        let engine = RoundEngine(strategy: FedAvg(options: testOptions(minimum: 3)), config: config, clock: ManualClock())
        await engine.join(1, client: ScriptedClient(behaviour: .offset(1)))
        await engine.join(2, client: ScriptedClient(behaviour: .offset(1)))
        await engine.join(3, client: ScriptedClient(behaviour: .fails))
        let result = try await engine.run()
        #expect(result.stopReason == .roundsCompleted(2))
        #expect(saved.elements.map(\.round) == [1, 2])
        #expect(saved.elements.allSatisfy { $0.parameters.values == [0, 0] })
    }
}
