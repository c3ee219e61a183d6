import Foundation
import Synchronization
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
/// global model; `rounds` rounds through the ``Simulator`` (the engine on simulated time, ``VirtualClient``s
/// sharing one model per worker, each on a mains-powered board over Wi-Fi).
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
        let config: ConfigRecord = [FitConfigKey.localEpochs: .int(Int64(epochs)), FitConfigKey.batchSize: .int(Int64(batchSize)),
                                    FitConfigKey.learningRate: .double(learningRate)]
        let initial = try ArrayRecord(model: Sequential(preset: preset, seed: seed))
        let options = StrategyOptions(
            fitSampling: SamplingPolicy(fraction: Double(perRound) / Double(clients), minimum: perRound, minimumAvailable: clients),
            fitConfig: { _ in config }, initialParameters: initial)
        // Flower's simulation has no devices; give every client a mains-powered, always-online board and a
        // deadline no round reaches, so the simulator's physics (link transfers, encoding, the clock) is paid
        // for but drops nothing.
        let federation = FederationConfig(rounds: rounds, roundTimeout: .seconds(86_400 * 365), onFailure: .stop, evaluateEvery: 0,
                                          centralEvaluateEvery: 0, seed: seed, ordering: .sampled)
        let specs = (0..<clients).map { k in
            SimulatedClientSpec(node: NodeID(UInt64(k + 1)), training: .subset(train, indices: Array(order[(k * samples)..<((k + 1) * samples)])),
                                seed: seed &+ UInt64(k), device: .raspberryPi4)
        }
        let setup = SimulationSetup(clients: specs, makeModel: { seed in try Sequential(preset: preset, seed: seed) },
                                    federation: federation, workers: workers)
        let resetWorked = ProcessMemory.resetPeak()
        let clock = ContinuousClock()
        let started = clock.now
        let roundEnds = Mutex<[Double]>([])
        let result = try await Simulator.run(FedAvg(options: options), setup: setup) { _ in
            let now = started.duration(to: clock.now).seconds
            roundEnds.withLock { $0.append(now) }
        }
        let elapsed = started.duration(to: clock.now)
        let peak = ProcessMemory.peakBytes
        let seconds = elapsed.seconds
        let training = result.records.filter { $0.round.round > 0 }
        let accepted = training.reduce(0) { $0 + $1.round.accepted.count }
        // Rounds 2…N as the peer counts them: from the end of round 1 to the end of the last round, wall time.
        let ends = roundEnds.withLock { $0 }
        var steady: Double?
        if training.count >= 2, ends.count == training.count {
            let updates = training.dropFirst().reduce(0) { $0 + $1.round.accepted.count }
            let span = ends[ends.count - 1] - ends[0]
            if span > 0 { steady = Double(updates) / span }
        }
        let pool = ModelWorkerPool(preset: preset, workers: 1)
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
