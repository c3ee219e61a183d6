import Testing
@testable import SwiftletFederated

/// What a run does when a round gets too few results from real clients: retry, skip or stop, as configured,
/// and never hang.
@Suite struct RoundFailureIntegrationTests {
    typealias Problem = FederatedProblem

    /// Node 1 reliable, nodes 2…10 failing every even round: round 2 can never reach a minimum of five.
    static func mostlyFlaky() -> [(NodeID, any Client)] {
        [(1, Problem.client(node: 1))] + (2...10).map { (NodeID(UInt64($0)), FlakyClient(inner: Problem.client(node: $0))) }
    }

    static func run(onFailure: RoundFailurePolicy, rounds: Int) async throws -> FederationResult {
        var config = Problem.config(rounds: rounds)
        config.onFailure = onFailure
        return try await Problem.run(FedAvg(options: Problem.options(minimum: 5)), rounds: rounds, clients: mostlyFlaky(),
                                     config: config)
    }

    @Test func retryRunsTheRoundAgainThenStops() async throws {
        let result = try await Self.run(onFailure: .retry(attempts: 2), rounds: 4)
        #expect(result.stopReason == .roundFailed(round: 2, reason: "1 results accepted, 5 required"))
        let attempts = result.history.records.filter { $0.round == 2 }
        #expect(attempts.map(\.attempt) == [1, 2, 3])
        #expect(attempts.allSatisfy { $0.status == .failed && $0.failed.count == 9 })
        // Each attempt draws its own sample (all ten nodes here, in a fresh order).
        #expect(Set(attempts.map(\.sampled)).count == 3)
        #expect(result.history.completedRounds == 1)
    }

    @Test func skipKeepsTheModelAndGoesOnToTheNextRound() async throws {
        let result = try await Self.run(onFailure: .skip, rounds: 4)
        #expect(result.stopReason == .roundsCompleted(4))
        let records = result.history.records.filter { $0.round > 0 }
        #expect(records.map(\.round) == [1, 2, 3, 4])
        #expect(records.map(\.status) == [.completed, .failed, .completed, .failed])
        #expect(result.history.completedRounds == 2)
        // Skipped rounds are not evaluated; completed ones are.
        #expect(records.map { $0.centralEvaluation != nil } == [true, false, true, false])
    }
}
