import Testing
@testable import SwiftletFederated

@Suite struct RoundEngineAggregationTests {
    @Test func fedAvgRoundProducesExampleWeightedMean() async throws {
        let engine = RoundEngine(strategy: FedAvg(options: testOptions(minimum: 3)), config: testConfig(), clock: ManualClock())
        await engine.join(1, client: ScriptedClient(behaviour: .offset(1), exampleCount: 10))
        await engine.join(2, client: ScriptedClient(behaviour: .offset(2), exampleCount: 30))
        await engine.join(3, client: ScriptedClient(behaviour: .offset(4), exampleCount: 60))
        let result = try await engine.run()
        // (1·10 + 2·30 + 4·60) / 100 = 3.1 added to the zero model.
        #expect(result.parameters.values == [3.1, 3.1])
        #expect(result.stopReason == .roundsCompleted(1))
        #expect(result.history.records.count == 1)
        #expect(result.history.records[0].exampleCount == 100)
        #expect(Set(result.history.records[0].accepted) == [1, 2, 3])
    }

    @Test func roundsChainFromTheNewGlobalModel() async throws {
        let engine = RoundEngine(strategy: FedAvg(options: testOptions()), config: testConfig(rounds: 3), clock: ManualClock())
        await engine.join(1, client: ScriptedClient(behaviour: .offset(1)))
        await engine.join(2, client: ScriptedClient(behaviour: .offset(3)))
        let result = try await engine.run()
        // Each round adds the mean offset 2.
        #expect(result.parameters.values == [6, 6])
        #expect(result.history.completedRounds == 3)
    }

    @Test func malformedUpdatesAreRejectedAndNeverReachTheModel() async throws {
        let engine = RoundEngine(strategy: FedAvg(options: testOptions(minimum: 2)), config: testConfig(), clock: ManualClock())
        await engine.join(1, client: ScriptedClient(behaviour: .offset(1), exampleCount: 10))
        await engine.join(2, client: ScriptedClient(behaviour: .offset(3), exampleCount: 10))
        await engine.join(3, client: ScriptedClient(behaviour: .values([.nan, 0])))
        await engine.join(4, client: ScriptedClient(behaviour: .values([1, 2, 3])))
        await engine.join(5, client: ScriptedClient(behaviour: .offset(100), exampleCount: 0))
        await engine.join(6, client: ScriptedClient(behaviour: .offset(100), exampleCount: -5))
        await engine.join(7, client: ScriptedClient(behaviour: .offset(100), exampleCount: 1_000_000_000))
        await engine.join(8, client: ScriptedClient(behaviour: .payload(.encoded(EncodedArrays(codec: "zstd-magic", bytes: [1], isDelta: false)))))
        await engine.join(9, client: ScriptedClient(behaviour: .payload(.encoded(EncodedArrays(codec: "f32le", bytes: [1, 2, 3], isDelta: false)))))
        await engine.join(10, client: ScriptedClient(behaviour: .values([.infinity, 0])))
        await engine.join(11, client: ScriptedClient(behaviour: .fails))
        let result = try await engine.run()
        #expect(result.parameters.values == [2, 2])
        let record = result.history.records[0]
        #expect(Set(record.accepted) == [1, 2])
        let reasons = Dictionary(uniqueKeysWithValues: record.rejected.map { ($0.node, $0.reason) })
        #expect(reasons[3] == "non-finite value in 'values' at index 0")
        #expect(reasons[4] == "wrong length: 3 values, expected 2")
        #expect(reasons[5] == "example count 0 is not positive")
        #expect(reasons[6] == "example count -5 is not positive")
        #expect(reasons[7] == "example count 1000000000 exceeds the limit 100000000")
        #expect(reasons[8] == "unknown encoding 'zstd-magic'")
        #expect(reasons[9] == "malformed encoding: f32le: expected 8 bytes, got 3")
        #expect(reasons[10] == "non-finite value in 'values' at index 0")
        #expect(record.failed.map(\.node) == [11])
        #expect(record.failed[0].reason == "device out of memory")
    }

    @Test func encodedDeltaIsDecodedAgainstTheGlobalModel() async throws {
        let delta: [Float] = [0.5, -1]
        let bytes = delta.withUnsafeBufferPointer { Float32Codec().encode($0) }
        let options = testOptions(minimum: 1, minimumAvailable: 1, initial: [1, 1])
        let engine = RoundEngine(strategy: FedAvg(options: options), config: testConfig(), clock: ManualClock())
        await engine.join(1, client: ScriptedClient(behaviour: .payload(.encoded(EncodedArrays(codec: "f32le", bytes: bytes, isDelta: true)))))
        let result = try await engine.run()
        #expect(result.parameters.values == [1.5, 0])
    }

    @Test func sampledOrderingMakesTheAggregateIndependentOfArrivalOrder() async throws {
        // Float addition is not associative: 1e8 + 1 − 1e8 depends on the order, so arrival order would show.
        func run(openingOrder: [Int]) async throws -> [Float] {
            let gates = (0..<3).map { _ in Gate() }
            let engine = RoundEngine(strategy: FedAvg(options: testOptions(minimum: 3)), config: testConfig(), clock: ManualClock())
            let log = EventLog()
            let recording = log.record(engine.events())
            await engine.join(1, client: ScriptedClient(behaviour: .values([1e8, 0]), gate: gates[0]))
            await engine.join(2, client: ScriptedClient(behaviour: .values([1, 0]), gate: gates[1]))
            await engine.join(3, client: ScriptedClient(behaviour: .values([-1e8, 0]), gate: gates[2]))
            let running = Task { try await engine.run() }
            await log.wait { $0.contains { if case .roundStarted = $0 { true } else { false } } }
            for index in openingOrder {
                gates[index].open()
            }
            let result = try await running.value
            _ = await recording.value
            return result.parameters.values
        }
        let forward = try await run(openingOrder: [0, 1, 2])
        let backward = try await run(openingOrder: [2, 1, 0])
        let middle = try await run(openingOrder: [1, 0, 2])
        #expect(forward == backward)
        #expect(forward == middle)
    }

    @Test func overflowingTheReorderBufferFoldsWhatIsHeldAndRecordsIt() async throws {
        // Two floats (8 bytes) per update and a 16-byte buffer: at most two results may wait for a slow node.
        var config = testConfig()
        config.reorderBufferBytes = 16
        let engine = RoundEngine(strategy: FedAvg(options: testOptions(minimum: 4)), config: config, clock: ManualClock())
        let log = EventLog()
        let recording = log.record(engine.events())
        let gates: [NodeID: Gate] = [1: Gate(), 2: Gate(), 3: Gate(), 4: Gate()]
        for (node, gate) in gates {
            await engine.join(node, client: ScriptedClient(behaviour: .offset(Float(node.rawValue)), gate: gate))
        }
        let running = Task { try await engine.run() }
        await log.wait { $0.contains { if case .roundStarted = $0 { true } else { false } } }
        guard case .roundStarted(_, _, let order) = await log.events.first else { Issue.record("no round"); return }
        // The first node sampled is slow; the three after it answer and overflow the buffer of two.
        for node in order.dropFirst() { gates[node]!.open() }
        await log.wait { $0.filter(\.isAccepted).count == 3 }
        gates[order[0]]!.open()
        let result = try await running.value
        _ = await recording.value
        let record = result.history.records[0]
        #expect(record.accepted == Array(order.dropFirst()) + [order[0]])
        #expect(record.aggregatedInSamplingOrder == false)
        #expect(result.parameters.values == [2.5, 2.5])
    }

    @Test func roundsWithinTheReorderBufferAreMarkedReproducible() async throws {
        let engine = RoundEngine(strategy: FedAvg(options: testOptions()), config: testConfig(), clock: ManualClock())
        await engine.join(1, client: ScriptedClient(behaviour: .offset(1)))
        await engine.join(2, client: ScriptedClient(behaviour: .offset(3)))
        #expect(try await engine.run().history.records[0].aggregatedInSamplingOrder)
    }

    @Test func arrivalOrderingIsRecordedAsNotReproducible() async throws {
        let engine = RoundEngine(strategy: FedAvg(options: testOptions()), config: testConfig(ordering: .arrival), clock: ManualClock())
        await engine.join(1, client: ScriptedClient(behaviour: .offset(1)))
        await engine.join(2, client: ScriptedClient(behaviour: .offset(3)))
        #expect(try await engine.run().history.records[0].aggregatedInSamplingOrder == false)
    }

    @Test func samplingDrawsTheConfiguredFractionReproducibly() async throws {
        func sampled(seed: UInt64) async throws -> [NodeID] {
            var config = testConfig()
            config.seed = seed
            let engine = RoundEngine(strategy: FedAvg(options: testOptions(minimum: 2, fraction: 0.3)), config: config, clock: ManualClock())
            for id in 1...10 { await engine.join(NodeID(UInt64(id)), client: ScriptedClient(behaviour: .offset(1))) }
            return try await engine.run().history.records[0].sampled
        }
        let first = try await sampled(seed: 7)
        #expect(first.count == 3)
        #expect(Set(first).count == 3)
        #expect(try await sampled(seed: 7) == first)
        var differs = false
        for seed in 8...12 where try await sampled(seed: UInt64(seed)) != first { differs = true }
        #expect(differs)
    }

    @Test func initialParametersComeFromANodeWhenTheStrategyHasNone() async throws {
        var options = testOptions(minimum: 1, minimumAvailable: 1)
        options.initialParameters = nil
        let engine = RoundEngine(strategy: FedAvg(options: options), config: testConfig(), clock: ManualClock())
        await engine.join(1, client: ScriptedClient(behaviour: .offset(1), initial: ArrayRecord(flat: [5, 6])))
        let result = try await engine.run()
        #expect(result.parameters.values == [6, 7])
    }

    @Test func nonFiniteInitialParametersFromANodeAreRefused() async throws {
        var options = testOptions(minimum: 1, minimumAvailable: 1)
        options.initialParameters = nil
        let engine = RoundEngine(strategy: FedAvg(options: options), config: testConfig(), clock: ManualClock())
        await engine.join(1, client: ScriptedClient(behaviour: .offset(1), initial: ArrayRecord(flat: [5, .nan])))
        await #expect(throws: FederationError.noInitialParameters(reason: "node 1 sent a non-finite value at index 1")) {
            try await engine.run()
        }
    }
}
