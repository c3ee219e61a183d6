import Testing
@testable import SwiftletFederated

/// Membership changes while a run is in progress: nodes withdrawing, leaving and joining. Each change is made
/// by a client during its own fit, so it lands at a fixed point: after that round's sample was drawn.
@Suite struct MembershipIntegrationTests {
    typealias Problem = FederatedProblem

    @Test func aNodeMadeUnavailableMidRunIsNoLongerSampled() async throws {
        let engine = RoundEngine(strategy: FedAvg(options: Problem.options(minimum: 5)), config: Problem.config(rounds: 5),
                                 clock: ManualClock())
        for (node, client) in Problem.honest(1...9) { await engine.join(node, client: client) }
        // Node 10 withdraws while round 2 runs: its round-2 call is in flight and still counts.
        await engine.join(10, client: HookedClient(inner: Problem.client(node: 10)) { round in
            if round == 2 { await engine.setAvailability(10, available: false) }
        })
        let result = try await engine.run()
        #expect(result.stopReason == .roundsCompleted(5))
        let records = result.history.records.filter { $0.round > 0 }
        #expect(records.map { $0.sampled.contains(10) } == [true, true, false, false, false])
        #expect(records.map(\.accepted.count) == [10, 10, 9, 9, 9])
        #expect(await engine.availableNodes == (1...9).map { NodeID(UInt64($0)) })
    }

    @Test func aNodeThatLeavesMidRoundStillCountsForThatRound() async throws {
        let engine = RoundEngine(strategy: FedAvg(options: Problem.options(minimum: 5)), config: Problem.config(rounds: 4),
                                 clock: ManualClock())
        for (node, client) in Problem.honest(1...9) { await engine.join(node, client: client) }
        await engine.join(10, client: HookedClient(inner: Problem.client(node: 10)) { round in
            if round == 2 { await engine.leave(10) }
        })
        let result = try await engine.run()
        #expect(result.stopReason == .roundsCompleted(4))
        let records = result.history.records.filter { $0.round > 0 }
        #expect(records.map { $0.accepted.contains(10) } == [true, true, false, false])
        #expect(records.map(\.sampled.count) == [10, 10, 9, 9])
    }

    @Test func aNodeThatJoinsMidRunIsSampledFromTheNextRound() async throws {
        let engine = RoundEngine(strategy: FedAvg(options: Problem.options(minimum: 5)), config: Problem.config(rounds: 4),
                                 clock: ManualClock())
        for (node, client) in Problem.honest(1...8) { await engine.join(node, client: client) }
        await engine.join(9, client: HookedClient(inner: Problem.client(node: 9)) { round in
            if round == 2 { await engine.join(10, client: Problem.client(node: 10)) }
        })
        let result = try await engine.run()
        #expect(result.stopReason == .roundsCompleted(4))
        let records = result.history.records.filter { $0.round > 0 }
        #expect(records.map { $0.accepted.contains(10) } == [false, false, true, true])
        #expect(records.map(\.accepted.count) == [9, 9, 10, 10])
    }

    @Test func theInitialModelComesFromASampledNodeWhenTheStrategyHasNone() async throws {
        var options = Problem.options()
        options.initialParameters = nil
        let result = try await Problem.run(FedAvg(options: options), rounds: 1)
        let initial = try #require(result.history.records.first { $0.round == 0 }?.centralEvaluation)
        // Each node's model is initialised from seed 100 + id; the initial evaluation must be one of theirs.
        let candidates = try (1...10).map { try Problem.measure(ArrayRecord(model: Problem.model(seed: UInt64(100 + $0)))) }
        #expect(candidates.contains(initial))
        #expect(result.history.completedRounds == 1)
    }
}
