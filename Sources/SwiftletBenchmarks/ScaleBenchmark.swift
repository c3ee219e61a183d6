import Foundation
import Synchronization
import SwiftletData
import SwiftletFederated
import SwiftletNN
import SwiftletSimulation
import SwiftletTensor

/// Issue #4's scale benchmark: a million virtual devices holding LEAF's Synthetic(α, β) data, a thousand per
/// round, FedAvg on logistic regression — rounds per second and peak memory.
///
/// Every device is a ``VirtualClient`` whose data is generated on demand from (seed, device), so the
/// federation costs the registry's entries plus, per round, the sampled devices' data while they train.
public struct ScaleBenchmark: Sendable {
    /// Devices in the federation.
    public var devices = 1_000_000
    /// Devices per round.
    public var perRound = 1_000
    /// Rounds.
    public var rounds = 5
    /// Synthetic(α, β).
    public var alpha = 1.0
    public var beta = 1.0
    /// Model workers.
    public var workers = ComputePool.availableCores
    /// Seed of the data, sampling and shuffling.
    public var seed: UInt64 = 1

    /// A benchmark with the sizes.
    public init() {}

    /// What a run measured.
    public struct Measurement: Codable, Sendable {
        public var devices: Int
        public var perRound: Int
        public var rounds: Int
        public var setupSeconds: Double
        public var roundSeconds: Double
        public var roundsPerSecond: Double
        public var clientUpdates: Int
        public var peakResidentBytes: Int
        public var finalLoss: Double?

        enum CodingKeys: String, CodingKey {
            case devices, rounds
            case perRound = "per_round"
            case setupSeconds = "setup_seconds"
            case roundSeconds = "round_seconds"
            case roundsPerSecond = "rounds_per_second"
            case clientUpdates = "client_updates"
            case peakResidentBytes = "peak_rss_bytes"
            case finalLoss = "final_train_loss"
        }
    }

    /// Builds the federation and runs it.
    public func run() async throws -> Measurement {
        ProcessMemory.resetPeak()
        let clock = ContinuousClock()
        let setupStart = clock.now
        let data = try SyntheticFederatedDataset(alpha: alpha, beta: beta, clients: devices, seed: seed)
        let config: ConfigRecord = [FitConfigKey.localEpochs: 1, FitConfigKey.batchSize: 10, FitConfigKey.learningRate: 0.01]
        let options = StrategyOptions(
            fitSampling: SamplingPolicy(fraction: Double(perRound) / Double(devices), minimum: perRound, minimumAvailable: devices),
            fitConfig: { _ in config }, initialParameters: ArrayRecord(model: Self.model(seed: seed)))
        let federation = FederationConfig(rounds: rounds, roundTimeout: .seconds(3600), onFailure: .stop, evaluateEvery: 0,
                                          centralEvaluateEvery: 0, seed: seed, ordering: .sampled)
        let specs = (0..<devices).map { k in
            SimulatedClientSpec(node: NodeID(UInt64(k + 1)), training: .generated { try data.client(k) }, seed: seed &+ UInt64(k),
                                device: .raspberryPi4)
        }
        let setup = SimulationSetup(clients: specs, makeModel: { seed in Self.model(seed: seed) }, federation: federation, workers: workers)
        let started = clock.now
        let roundEnds = Mutex<[Double]>([])
        let result = try await Simulator.run(FedAvg(options: options), setup: setup) { _ in
            let now = started.duration(to: clock.now).seconds
            roundEnds.withLock { $0.append(now) }
        }
        let ends = roundEnds.withLock { $0 }
        let training = result.records.filter { $0.round.round > 0 }
        let completed = training.filter { $0.round.status == .completed }.count
        // Registering a million devices happens inside the run, before round 1: count the span from the end
        // of round 1 to the end of the last round as the rounds' time, everything before it as set-up.
        let first = ends.first ?? 0
        let seconds = (ends.last ?? 0) - first
        let timedRounds = max(0, ends.count - 1)
        return Measurement(devices: devices, perRound: perRound, rounds: completed,
                           setupSeconds: setupStart.duration(to: started).seconds + first,
                           roundSeconds: seconds, roundsPerSecond: seconds > 0 ? Double(timedRounds) / seconds : 0,
                           clientUpdates: training.reduce(0) { $0 + $1.round.accepted.count },
                           peakResidentBytes: ProcessMemory.peakBytes,
                           finalLoss: training.last?.trainLoss)
    }

    /// Logistic regression over Synthetic's 60 features and 10 classes.
    static func model(seed: UInt64) -> Sequential {
        try! Sequential(inputShape: [SyntheticFederatedDataset.featureCount],
                        layers: [Dense(SyntheticFederatedDataset.classCount, name: "fc")], seed: seed)
    }
}
