import Synchronization
import Testing
@testable import SwiftletFederated

@Suite struct RoundEnginePreparationTests {
    @Test func preparationRunsBeforeEachAttemptAndItsAvailabilityChangesDecideTheSample() async throws {
        // Two nodes, one sampled per round; the preparation takes node 1 offline in round 2 and node 2 in round 3.
        let calls = Mutex<[String]>([])
        var config = testConfig(rounds: 3)
        config.roundPreparation = { round, attempt, seconds in
            calls.withLock { $0.append("\(round).\(attempt)@\(seconds)") }
            switch round {
            case 2: return [(NodeID(1), false), (NodeID(2), true)]
            case 3: return [(NodeID(1), true), (NodeID(2), false)]
            default: return []
            }
        }
        let engine = RoundEngine(strategy: FedAvg(options: testOptions(minimum: 1, fraction: 0.5, minimumAvailable: 1)),
                                 config: config, clock: ManualClock())
        await engine.join(1, client: ScriptedClient(behaviour: .offset(1)))
        await engine.join(2, client: ScriptedClient(behaviour: .offset(1)))
        let result = try await engine.run()
        #expect(calls.withLock { $0 } == ["1.1@0.0", "2.1@0.0", "3.1@0.0"])
        #expect(result.history.records[1].sampled == [2])
        #expect(result.history.records[2].sampled == [1])
    }
}
