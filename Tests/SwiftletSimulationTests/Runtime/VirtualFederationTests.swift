import SwiftletData
import SwiftletFederated
import SwiftletNN
import SwiftletTensor
import Testing
@testable import SwiftletSimulation

@Suite struct VirtualFederationTests {
    typealias Data = RuntimeTestData

    func run(clients: [any Client], rounds: Int = 3) async throws -> FederationResult {
        let options = StrategyOptions(fitSampling: SamplingPolicy(fraction: 0.5, minimum: 4, minimumAvailable: 8),
                                      fitConfig: { _ in Data.config }, initialParameters: ArrayRecord(model: Data.model()))
        let config = FederationConfig(rounds: rounds, roundTimeout: .seconds(60), evaluateEvery: 0, centralEvaluateEvery: 0,
                                      seed: 4, pool: .serial)
        let engine = RoundEngine(strategy: FedAvg(options: options), config: config, clock: ManualClock())
        for (k, client) in clients.enumerated() { await engine.join(NodeID(UInt64(k + 1)), client: client) }
        return try await engine.run()
    }

    @Test func virtualClientsOnTwoWorkersMatchModelClientsBitForBit() async throws {
        let workers = ModelWorkerPool(workers: 2) { Data.model(seed: 1) }
        let state = ClientStateStore()
        let virtual: [any Client] = (0..<8).map { k in
            VirtualClient(node: NodeID(UInt64(k + 1)), training: .subset(Data.pooled, indices: Data.indices(client: k, of: 8)),
                          seed: UInt64(k), workers: workers, state: state)
        }
        let owned: [any Client] = try (0..<8).map { k in
            try ModelClient(model: Data.model(), training: Data.pooled.subset(Data.indices(client: k, of: 8)), seed: UInt64(k))
        }
        let simulated = try await run(clients: virtual)
        let reference = try await run(clients: owned)
        #expect(simulated.parameters == reference.parameters)
        #expect(simulated.history.records.map(\.fitMetrics) == reference.history.records.map(\.fitMetrics))
        #expect(workers.idleCount == 2)
    }
}
