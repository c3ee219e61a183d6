import SwiftletTensor
import SwiftletNN
import SwiftletData
@testable import SwiftletFederated

/// A small non-IID federated classification problem, end to end: data shards, models, clients, a central
/// evaluator and a round engine wired to them.
///
/// Four Gaussian classes in 8-D (unit variance around fixed random centres, pairwise ~4 apart). Node `i`
/// (ids 1…n) holds 40 + 4·(i−1) samples: 70% of class `i mod 4`, 20% of class `(i+1) mod 4`, 10% of class
/// `(i+2) mod 4` — so no node sees the whole problem and plain local training drifts. The model is a tiny
/// MLP `Dense(16)–ReLU–Dense(4)` (212 parameters); the central test set is 400 balanced samples.
enum FederatedProblem {
    static let featureCount = 8
    static let classCount = 4
    static let seed: UInt64 = 2026

    /// The class centres, one row of ``featureCount`` values per class.
    static let centres: [[Float]] = {
        var generator = SeededGenerator(seed: seed)
        return (0..<classCount).map { _ in (0..<featureCount).map { _ in 1.5 * generator.nextNormal() } }
    }()

    /// Samples with the given labels, each its class centre plus unit Gaussian noise drawn from `stream`.
    static func samples(labels: [Int32], stream: UInt64) -> LabeledDataset {
        var generator = SeededGenerator(seed: seed).split(stream: stream)
        var features: [Float] = []
        features.reserveCapacity(labels.count * featureCount)
        for label in labels {
            for value in centres[Int(label)] { features.append(value + generator.nextNormal()) }
        }
        return try! LabeledDataset(sampleShape: [featureCount], features: features, labels: labels, classCount: classCount)
    }

    /// Node `node`'s local training shard (mostly one class, some of the next, a little of the one after).
    static func shard(node: Int) -> LabeledDataset {
        let count = 40 + 4 * (node - 1)
        let labels = (0..<count).map { j -> Int32 in
            let slot = j % 10
            let offset = slot < 7 ? 0 : (slot < 9 ? 1 : 2)
            return Int32((node + offset) % classCount)
        }
        return samples(labels: labels, stream: UInt64(node))
    }

    /// The central held-out set: 100 samples of each class.
    static let testSet = samples(labels: (0..<400).map { Int32($0 % classCount) }, stream: 1_000)

    /// A fresh model; parameters initialised from `seed`.
    static func model(seed: UInt64 = 0, pool: ComputePool = .serial) -> Sequential {
        try! Sequential(inputShape: [featureCount], layers: [Dense(16, name: "fc1"), ReLU(name: "relu"), Dense(classCount, name: "fc2")],
                        seed: seed, pool: pool)
    }

    /// The global model every run starts from.
    static let initialParameters = ArrayRecord(model: model())

    /// The ready `ModelClient` of node `node`, seeded by its id, training on `pool`.
    static func client(node: Int, pool: ComputePool = .serial) -> ModelClient {
        try! ModelClient(model: model(seed: UInt64(100 + node), pool: pool), training: shard(node: node), seed: UInt64(node))
    }

    /// Loss and accuracy of `parameters` on ``testSet``, measured with a model of its own.
    static func measure(_ parameters: ArrayRecord) throws -> Evaluation {
        let model = model()
        try model.setParameters(parameters.values)
        let test = testSet
        let (loss, accuracy) = try test.features.withUnsafeBufferPointer { x in
            try test.labels.withUnsafeBufferPointer { y in try model.evaluate(inputs: x, labels: y, batchSize: test.count) }
        }
        return Evaluation(loss: Double(loss), metrics: [MetricKey.accuracy: .double(Double(accuracy))])
    }

    /// Test-set accuracy of `parameters`.
    static func accuracy(_ parameters: ArrayRecord) throws -> Double {
        try measure(parameters).metrics.scalar(MetricKey.accuracy)!
    }

    /// The central evaluator: each call builds its own model, so the `@Sendable` closure shares no state.
    static let centralEvaluator: CentralEvaluator = { _, parameters in try measure(parameters) }

    /// The local training config: one epoch of SGD, batches of 16, learning rate 0.1.
    static let fitConfig: ConfigRecord = [FitConfigKey.localEpochs: 1, FitConfigKey.batchSize: 16, FitConfigKey.learningRate: 0.1]

    /// Options over ``initialParameters`` sampling every node (at least `minimum`) with central evaluation.
    static func options(minimum: Int = 2, fitConfig: ConfigRecord = fitConfig, central: Bool = true) -> StrategyOptions {
        let config = fitConfig
        return StrategyOptions(fitSampling: SamplingPolicy(fraction: 1, minimum: minimum, minimumAvailable: minimum),
                               evaluateSampling: SamplingPolicy(fraction: 1, minimum: 1, minimumAvailable: 1),
                               fitConfig: { _ in config }, centralEvaluation: central ? centralEvaluator : nil,
                               initialParameters: initialParameters)
    }

    /// An engine configuration: `rounds` rounds on a serial pool, far-away deadlines, stop on failure.
    static func config(rounds: Int, evaluateEvery: Int = 0, centralEvery: Int = 1, pool: ComputePool = .serial,
                       seed: UInt64 = 11) -> FederationConfig {
        FederationConfig(rounds: rounds, roundTimeout: .seconds(3_600), onFailure: .stop, evaluateEvery: evaluateEvery,
                         centralEvaluateEvery: centralEvery, availabilityTimeout: .seconds(60), seed: seed,
                         ordering: .sampled, pool: pool)
    }

    /// Nodes `nodes` as fresh `ModelClient`s training on `pool`, kept typed so a test can inspect them.
    static func modelClients(_ nodes: ClosedRange<Int> = 1...10, pool: ComputePool = .serial) -> [(NodeID, ModelClient)] {
        nodes.map { (NodeID(UInt64($0)), client(node: $0, pool: pool)) }
    }

    /// Nodes `nodes` as fresh `ModelClient`s, ready to join an engine.
    static func honest(_ nodes: ClosedRange<Int> = 1...10, pool: ComputePool = .serial) -> [(NodeID, any Client)] {
        modelClients(nodes, pool: pool).map { ($0.0, $0.1) }
    }

    /// An engine on `clock` (a fresh `ManualClock` by default) with `clients` joined in order.
    static func engine<S: Strategy>(_ strategy: S, config: FederationConfig, clients: [(NodeID, any Client)],
                                    clock: ManualClock = ManualClock()) async -> RoundEngine<S, ManualClock> {
        let engine = RoundEngine(strategy: strategy, config: config, clock: clock)
        for (node, client) in clients { await engine.join(node, client: client) }
        return engine
    }

    /// Runs `strategy` over `clients` for `rounds` rounds with central evaluation every round.
    static func run<S: Strategy>(_ strategy: S, rounds: Int, clients: [(NodeID, any Client)] = honest(),
                                 config: FederationConfig? = nil) async throws -> FederationResult {
        let engine = await engine(strategy, config: config ?? self.config(rounds: rounds), clients: clients)
        return try await engine.run()
    }

    /// Euclidean norm of `values`.
    static func norm(_ values: [Float]) -> Double {
        values.reduce(0.0) { $0 + Double($1) * Double($1) }.squareRoot()
    }

    /// Euclidean distance between two vectors.
    static func distance(_ a: [Float], _ b: [Float]) -> Double {
        zip(a, b).reduce(0.0) { $0 + Double($1.0 - $1.1) * Double($1.0 - $1.1) }.squareRoot()
    }

    /// The central accuracy a history records for `round`.
    static func centralAccuracy(_ history: History, round: Int) -> Double? {
        history.records.last { $0.round == round }?.centralEvaluation?.metrics.scalar(MetricKey.accuracy)
    }
}
