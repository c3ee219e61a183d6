import SwiftletData
import SwiftletFederated
import SwiftletNN
import Testing
@testable import SwiftletSimulation

@Suite struct VirtualClientTests {
    typealias Data = RuntimeTestData

    func virtualClient(_ k: Int, workers: ModelWorkerPool, state: ClientStateStore = ClientStateStore()) -> VirtualClient {
        VirtualClient(node: NodeID(UInt64(k + 1)), training: .subset(Data.pooled, indices: Data.indices(client: k, of: 4)),
                      seed: UInt64(100 + k), workers: workers, state: state)
    }

    @Test func updateIsBitIdenticalToAModelClientsWithTheSameDataAndSeed() async throws {
        let workers = ModelWorkerPool(workers: 1) { Data.model(seed: 99) }
        let reference = try ModelClient(model: Data.model(), training: Data.pooled.subset(Data.indices(client: 2, of: 4)), seed: 102)
        let expected = try await reference.fit(Data.instruction(round: 3))
        let actual = try await virtualClient(2, workers: workers).fit(Data.instruction(round: 3))
        #expect(actual == expected)
    }

    @Test func concurrentClientsShareOneWorkerInTurn() async throws {
        let workers = ModelWorkerPool(workers: 1) { Data.model() }
        let results = try await withThrowingTaskGroup(of: (Int, FitResult).self) { group in
            for k in 0..<4 {
                let client = virtualClient(k, workers: workers)
                group.addTask { (k, try await client.fit(Data.instruction())) }
            }
            return try await group.reduce(into: [Int: FitResult]()) { $0[$1.0] = $1.1 }
        }
        #expect(workers.idleCount == 1)
        // Each result is what that client computes alone: lending never mixes two clients' training.
        for k in 0..<4 {
            let alone = try await virtualClient(k, workers: ModelWorkerPool(workers: 1) { Data.model() }).fit(Data.instruction())
            #expect(results[k] == alone)
        }
    }

    @Test func scaffoldStateLivesInTheStoreAndOtherStrategiesStoreNothing() async throws {
        let workers = ModelWorkerPool(workers: 1) { Data.model() }
        let state = ClientStateStore()
        let client = virtualClient(0, workers: workers, state: state)
        _ = try await client.fit(Data.instruction())
        #expect(await state.clientCount == 0)
        var scaffold = Data.instruction()
        scaffold.config[FitConfigKey.scaffold] = true
        scaffold.auxiliary[AuxiliaryKey.scaffoldControl] = scaffold.parameters.zeroed()
        let result = try await client.fit(scaffold)
        let stored = try #require(await state.controlVariate(of: 1))
        // c_i starts at zero, so c_i⁺ equals the returned delta.
        #expect(stored == result.auxiliary[AuxiliaryKey.scaffoldControlDelta]?.values)
    }

    @Test func generatedDataIsMadeWhenTheClientTrains() async throws {
        let workers = ModelWorkerPool(workers: 1) { Data.model() }
        let client = VirtualClient(node: 1, training: .generated { Data.pooled.prefix(30) }, seed: 5,
                                   workers: workers, state: ClientStateStore())
        let result = try await client.fit(Data.instruction())
        #expect(result.exampleCount == 30)
    }

    @Test func dataThatDoesNotFitTheModelIsAClientError() async throws {
        let workers = ModelWorkerPool(workers: 1) { Data.model() }
        let wide = try LabeledDataset(sampleShape: [5], features: [Float](repeating: 0, count: 10), labels: [0, 1], classCount: 3)
        let client = VirtualClient(node: 1, training: .dataset(wide), seed: 5, workers: workers, state: ClientStateStore())
        await #expect(throws: ClientError.incompatibleDataset(dataset: "training", reason: "samples have 5 values [5], the model takes 4")) {
            try await client.fit(Data.instruction())
        }
        #expect(workers.idleCount == 1)
    }

    @Test func evaluationUsesTheTestDataWhenGiven() async throws {
        let workers = ModelWorkerPool(workers: 1) { Data.model() }
        let client = VirtualClient(node: 1, training: .dataset(Data.pooled.prefix(60)), test: .dataset(Data.pooled.prefix(9)),
                                   seed: 5, workers: workers, state: ClientStateStore())
        let result = try await client.evaluate(EvaluateInstruction(round: 1, parameters: ArrayRecord(model: Data.model())))
        #expect(result.exampleCount == 9)
    }
}
