import Testing
@testable import SwiftletFederated

/// The event stream of a real run tells the same story as its history: what a progress bar or dashboard
/// subscribed to `events()` sees.
@Suite struct EventStreamIntegrationTests {
    typealias Problem = FederatedProblem

    @Test func eventsMatchTheHistoryOfTheRun() async throws {
        let clients = Problem.honest(1...8)
            + [(9, TamperingClient(inner: Problem.client(node: 9), tampering: .claims(examples: -1))),
               (10, FlakyClient(inner: Problem.client(node: 10)))]
        let engine = await Problem.engine(FedAvg(options: Problem.options(minimum: 5)),
                                          config: Problem.config(rounds: 3, evaluateEvery: 1), clients: clients)
        let log = EventLog()
        let recording = log.record(engine.events())
        let result = try await engine.run()
        _ = await recording.value
        let events = await log.events

        let started = events.compactMap { if case .roundStarted(let round, _, let nodes) = $0 { (round, nodes) } else { nil } }
        #expect(started.map(\.0) == [1, 2, 3])
        #expect(started.map(\.1) == result.history.records.filter { $0.round > 0 }.map(\.sampled))
        let finished = events.compactMap { if case .roundFinished(let record) = $0 { record } else { nil } }
        #expect(finished == result.history.records)
        #expect(events.last == .finished(.roundsCompleted(3)))

        for record in result.history.records where record.round > 0 {
            let accepted = events.compactMap { event -> NodeID? in
                if case .resultAccepted(record.round, let node, _) = event { node } else { nil }
            }
            #expect(accepted == record.accepted)
            let rejected = events.compactMap { event -> NodeID? in
                if case .resultRejected(record.round, let node, let reason) = event {
                    reason == .nonPositiveExampleCount(-1) ? node : nil
                } else { nil }
            }
            #expect(rejected == [9])
            let failed = events.compactMap { event -> NodeID? in
                if case .nodeFailed(record.round, let node, _) = event { node } else { nil }
            }
            #expect(failed == (record.round == 2 ? [10] : []))
        }
    }
}
