import Testing
import SwiftletTensor
@testable import SwiftletFederated

/// Malformed updates from trained `ModelClient`s are rejected before aggregation, and flaky nodes never
/// stall a run.
@Suite struct PoisoningIntegrationTests {
    typealias Problem = FederatedProblem

    static let rounds = 4

    /// Nodes 9, 10 and 11 train honestly, then send a NaN, claim 10¹² examples, or relabel their arrays.
    static func poisoners() -> [(NodeID, any Client)] {
        [(9, TamperingClient(inner: Problem.client(node: 9), tampering: .nan(index: 5))),
         (10, TamperingClient(inner: Problem.client(node: 10), tampering: .claims(examples: 1_000_000_000_000))),
         (11, TamperingClient(inner: Problem.client(node: 11), tampering: .flatLayout))]
    }

    static func run(_ clients: [(NodeID, any Client)]) async throws -> FederationResult {
        try await Problem.run(FedAvg(options: Problem.options(minimum: 8)), rounds: rounds, clients: clients)
    }

    @Test func poisonedUpdatesAreRejectedWithTheirReasonsEveryRound() async throws {
        let result = try await Self.run(Problem.honest(1...8) + Self.poisoners())
        #expect(result.stopReason == .roundsCompleted(Self.rounds))
        let names = Problem.initialParameters.specs.map(\.name)
        let expected: [NodeID: String] = [
            9: RejectionReason.nonFinite(array: "fc1.weight", index: 5).description,
            10: RejectionReason.absurdExampleCount(1_000_000_000_000, limit: 100_000_000).description,
            11: RejectionReason.wrongArrays(expected: names, actual: ["weights"]).description,
        ]
        #expect(expected[9] == "non-finite value in 'fc1.weight' at index 5")
        for record in result.history.records.dropFirst() {
            let reasons = Dictionary(uniqueKeysWithValues: record.rejected.map { ($0.node, $0.reason) })
            #expect(reasons == expected, "round \(record.round)")
            #expect(record.rejected.allSatisfy { $0.kind == .rejected })
            #expect(Set(record.accepted) == Set((1...8).map { NodeID(UInt64($0)) }))
        }
    }

    @Test func rejectedUpdatesLeaveTheModelBitIdenticalToNodesThatSentNothing() async throws {
        // Same node ids, so the same samples in the same order; the placeholders fail instead of poisoning.
        let poisoned = try await Self.run(Problem.honest(1...8) + Self.poisoners())
        let silent: [(NodeID, any Client)] = (9...11).map { (NodeID(UInt64($0)), ScriptedClient(behaviour: .fails)) }
        let reference = try await Self.run(Problem.honest(1...8) + silent)
        #expect(poisoned.parameters == reference.parameters)
        #expect(poisoned.history.records.map(\.centralEvaluation) == reference.history.records.map(\.centralEvaluation))
    }

    @Test func rejectedUpdatesLeaveTheModelAsIfThoseNodesNeverJoined() async throws {
        let poisoned = try await Self.run(Problem.honest(1...8) + Self.poisoners())
        let honest = try await Self.run(Problem.honest(1...8))
        // Eight nodes are sampled in another order than eleven, so float sums may differ in the last bits only.
        let difference = zip(poisoned.parameters.values, honest.parameters.values).map { abs($0 - $1) }.max()!
        #expect(difference < 1e-5)
        #expect(Problem.norm(poisoned.parameters.values).isFinite)
    }

    @Test func aNodeFailingEveryOtherRoundIsRecordedAndTheRunCompletes() async throws {
        let clients = Problem.honest(1...9) + [(10, FlakyClient(inner: Problem.client(node: 10)))]
        let result = try await Problem.run(FedAvg(options: Problem.options(minimum: 5)), rounds: 6, clients: clients)
        #expect(result.stopReason == .roundsCompleted(6))
        #expect(result.history.completedRounds == 6)
        for record in result.history.records.dropFirst() {
            if record.round % 2 == 0 {
                #expect(record.failed == [NodeFailure(node: 10, kind: .failed, reason: "connection lost in round \(record.round)")])
                #expect(record.accepted.count == 9)
            } else {
                #expect(record.failed.isEmpty)
                #expect(record.accepted.contains(10))
            }
        }
        #expect(try #require(Problem.centralAccuracy(result.history, round: 6)) >= 0.7)
    }

    @Test func tooFewNodesAfterDropoutsFailTheRoundInsteadOfHanging() async throws {
        // Nine of ten nodes fail in round 2; the minimum is five, so that round fails and the run stops.
        let clients: [(NodeID, any Client)] = [(1, Problem.client(node: 1))]
            + (2...10).map { (NodeID(UInt64($0)), FlakyClient(inner: Problem.client(node: $0))) }
        let result = try await Problem.run(FedAvg(options: Problem.options(minimum: 5)), rounds: 4, clients: clients)
        #expect(result.stopReason == .roundFailed(round: 2, reason: "1 results accepted, 5 required"))
        let failed = try #require(result.history.records.last)
        #expect(failed.status == .failed)
        #expect(failed.failed.count == 9)
        #expect(result.history.completedRounds == 1)
        // The failed round keeps the model of round 1, the only round that completed.
        let roundOne = try await Problem.run(FedAvg(options: Problem.options(minimum: 5)), rounds: 1)
        #expect(result.parameters == roundOne.parameters)
    }
}
