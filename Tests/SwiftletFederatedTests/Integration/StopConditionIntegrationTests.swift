import Testing
import SwiftletTensor
@testable import SwiftletFederated

/// Runs that end before their round count: an accuracy target, and a time budget on a `ManualClock` that
/// the clients themselves advance, as slow devices would.
@Suite struct StopConditionIntegrationTests {
    typealias Problem = FederatedProblem

    @Test func targetAccuracyStopsAtTheFirstRoundThatReachesIt() async throws {
        var config = Problem.config(rounds: 30)
        config.targetAccuracy = 0.8
        let result = try await Problem.run(FedAvg(options: Problem.options()), rounds: 30, config: config)
        guard case .targetReached(let round, let accuracy) = result.stopReason else {
            Issue.record("stopped with \(result.stopReason)")
            return
        }
        // Measured: FedAvg first reaches 0.8 central accuracy in round 8.
        #expect(round < 30)
        #expect(accuracy >= 0.8)
        #expect(Problem.centralAccuracy(result.history, round: round) == accuracy)
        #expect((0..<round).allSatisfy { (Problem.centralAccuracy(result.history, round: $0) ?? 0) < 0.8 })
        #expect(result.history.completedRounds == round)
        #expect(try Problem.accuracy(result.parameters) == accuracy)
    }

    @Test func targetAccuracyFallsBackToFederatedEvaluationWithoutACentralOne() async throws {
        var config = Problem.config(rounds: 30, evaluateEvery: 1, centralEvery: 0)
        config.targetAccuracy = 0.8
        let result = try await Problem.run(FedAvg(options: Problem.options(central: false)), rounds: 30, config: config)
        guard case .targetReached(let round, let accuracy) = result.stopReason else {
            Issue.record("stopped with \(result.stopReason)")
            return
        }
        let federated = result.history.records.compactMap { $0.federatedEvaluation?.metrics.scalar(MetricKey.accuracy) }
        #expect(result.history.records.allSatisfy { $0.centralEvaluation == nil })
        #expect(federated.count == round)
        #expect(federated.last == accuracy)
        #expect(accuracy >= 0.8)
        #expect(federated.dropLast().allSatisfy { $0 < 0.8 })
    }

    @Test func timeBudgetStopsOnceTheClientsHaveUsedIt() async throws {
        // Each of the ten nodes spends 10 s of the shared clock per fit, so a round takes 100 s; a 250 s
        // budget is exhausted after round 3.
        let clock = ManualClock()
        let clients: [(NodeID, any Client)] = Problem.honest().map { node, client in
            (node, HookedClient(inner: client) { _ in clock.advance(by: .seconds(10)) })
        }
        var config = Problem.config(rounds: 10)
        config.timeBudget = .seconds(250)
        let engine = await Problem.engine(FedAvg(options: Problem.options()), config: config, clients: clients, clock: clock)
        let result = try await engine.run()
        #expect(result.stopReason == .timeBudgetExhausted(round: 3))
        #expect(result.history.completedRounds == 3)
        let rounds = result.history.records.filter { $0.round > 0 }
        #expect(rounds.map(\.startTime) == [0, 100, 200])
        #expect(rounds.map(\.duration) == [100, 100, 100])
        #expect(rounds.allSatisfy { $0.accepted.count == 10 && $0.late.isEmpty && $0.timedOut.isEmpty })
    }
}
