import Foundation
import SwiftletData
import SwiftletFederated
import SwiftletNN
import SwiftletSimulation
import SwiftletTensor

/// Issue #4's simulator benchmark, Swiftlet's side: FedAvg over virtual MNIST clients on a worker pool.
///
/// The workload matches `bench/peers/flower_simulation.py`: the training set permuted with a seed and dealt
/// IID, `samples` images to each of `clients` clients; `perRound` sampled per round; every sampled client
/// trains `epochs` local epochs of SGD (batch `batchSize`, learning rate `learningRate`) starting from the
/// global model; `rounds` rounds through ``RoundEngine`` with ``VirtualClient``s sharing one model per worker.
/// Client updates per second count `rounds × perRound` over the rounds' wall time; memory is the process's
/// peak resident set during the rounds (the training set, one model per worker, the engine).
public struct SimulationBenchmark: Sendable {
    /// Clients in the federation.
    public var clients = 100
    /// Clients per round.
    public var perRound = 10
    /// Training images per client.
    public var samples = 600
    /// Rounds.
    public var rounds = 20
    /// Local epochs.
    public var epochs = 1
    /// Local batch size.
    public var batchSize = 10
    /// Local SGD learning rate.
    public var learningRate = 0.05
    /// Model workers (default: one per core).
    public var workers = ComputePool.availableCores
    /// Seed for the split, sampling and shuffling.
    public var seed: UInt64 = 1

    /// A benchmark with the workload.
    public init() {}

    /// What one run measured.
    public struct Measurement: Codable, Sendable {
        public var model: String
        public var clients: Int
        public var perRound: Int
        public var samples: Int
        public var rounds: Int
        public var workers: Int
        public var clientUpdates: Int
        public var roundSeconds: Double
        public var clientUpdatesPerSecond: Double
        /// Rounds 2…N only, as the Flower peer reports it.
        public var steadyClientUpdatesPerSecond: Double?
        public var peakResidentBytes: Int
        public var peakIsLifetime: Bool
        public var testAccuracy: Double

        enum CodingKeys: String, CodingKey {
            case model, clients, rounds, workers, samples
            case perRound = "per_round"
            case clientUpdates = "client_updates"
            case roundSeconds = "round_seconds"
            case clientUpdatesPerSecond = "client_updates_per_second"
            case steadyClientUpdatesPerSecond = "steady_client_updates_per_second"
            case peakResidentBytes = "peak_rss_bytes"
            case peakIsLifetime = "peak_is_lifetime"
            case testAccuracy = "test_accuracy"
        }
    }

    /// Runs the workload for `preset` on MNIST from `directory`.
    public func run(preset: ModelPreset, mnist directory: String) async throws -> Measurement {
        let train = try MNIST.load(.train, from: directory)
        let test = try MNIST.load(.test, from: directory)
        guard clients * samples <= train.count else {
            throw DatasetError.sizeMismatch(features: clients * samples, labels: train.count, sampleShape: train.sampleShape)
        }
        var generator = SeededGenerator(seed: seed)
        var order = Array(0..<train.count)
        generator.shuffle(&order)
        let pool = ModelWorkerPool(preset: preset, workers: workers)
        let state = ClientStateStore()
        let config: ConfigRecord = [FitConfigKey.localEpochs: .int(Int64(epochs)), FitConfigKey.batchSize: .int(Int64(batchSize)),
                                    FitConfigKey.learningRate: .double(learningRate)]
        let initial = try ArrayRecord(model: Sequential(preset: preset, seed: seed))
        let options = StrategyOptions(
            fitSampling: SamplingPolicy(fraction: Double(perRound) / Double(clients), minimum: perRound, minimumAvailable: clients),
            fitConfig: { _ in config }, initialParameters: initial)
        let federation = FederationConfig(rounds: rounds, roundTimeout: .seconds(3600), onFailure: .stop, evaluateEvery: 0,
                                          centralEvaluateEvery: 0, seed: seed, ordering: .sampled)
        let engine = RoundEngine(strategy: FedAvg(options: options), config: federation)
        for k in 0..<clients {
            let indices = Array(order[(k * samples)..<((k + 1) * samples)])
            await engine.join(NodeID(UInt64(k + 1)), client: VirtualClient(
                node: NodeID(UInt64(k + 1)), training: .subset(train, indices: indices), seed: seed &+ UInt64(k),
                workers: pool, state: state))
        }
        let resetWorked = ProcessMemory.resetPeak()
        let clock = ContinuousClock()
        let started = clock.now
        let result = try await engine.run()
        let elapsed = started.duration(to: clock.now)
        let peak = ProcessMemory.peakBytes
        let seconds = elapsed.seconds
        let accepted = result.history.records.reduce(0) { $0 + $1.accepted.count }
        // The engine's record times are on its clock (the wall clock here): rounds 2…N as the peer counts them.
        let training = result.history.records.filter { $0.round > 0 }
        var steady: Double?
        if training.count >= 2, let last = training.last {
            let span = last.startTime + last.duration - (training[0].startTime + training[0].duration)
            let updates = training.dropFirst().reduce(0) { $0 + $1.accepted.count }
            if span > 0 { steady = Double(updates) / span }
        }
        let evaluation = try await pool.withTrainer { (trainer) throws(ClientError) in
            try trainer.evaluate(EvaluateInstruction(round: rounds, parameters: result.parameters, config: [FitConfigKey.batchSize: 500]),
                                 dataset: test)
        }
        return Measurement(model: preset.rawValue, clients: clients, perRound: perRound, samples: samples, rounds: rounds,
                           workers: workers, clientUpdates: accepted, roundSeconds: seconds,
                           clientUpdatesPerSecond: Double(accepted) / seconds, steadyClientUpdatesPerSecond: steady,
                           peakResidentBytes: peak,
                           peakIsLifetime: !resetWorked,
                           testAccuracy: evaluation.metrics.scalar(MetricKey.accuracy) ?? .nan)
    }
}
