import Foundation
import SwiftletData
import SwiftletFederated
import SwiftletNN
import SwiftletSimulation
import SwiftletTensor

/// The job behind `swiftlet federate`: partitions MNIST, makes one ``VirtualClient`` per part, and runs the
/// chosen strategy through ``RoundEngine``, printing one line per round from the engine's event stream.
struct FederatedRun {
    let options: FederateOptions

    func run() async throws {
        let directory = try options.data ?? BundledData.mnistDirectory()
        let train = try MNIST.load(.train, from: directory, limit: options.trainLimit)
        let test = try MNIST.load(.test, from: directory)
        var generator = SeededGenerator(seed: options.seed)
        let parts = switch options.partition {
        case .iid: try Partitioner.iid(count: train.count, clients: options.clients, generator: &generator)
        case .shards: try Partitioner.shards(labels: train.labels, clients: options.clients, generator: &generator)
        }
        let initial = try Sequential(preset: options.model, seed: options.seed)
        print("data      MNIST from \(directory): \(train.count) train samples over \(options.clients) clients (\(options.partition.rawValue)), \(test.count) test")

        let evaluator = try ModelClient(preset: options.model, training: test)
        let config: ConfigRecord = [
            FitConfigKey.localEpochs: .int(Int64(options.localEpochs)),
            FitConfigKey.batchSize: .int(Int64(options.batchSize)),
            FitConfigKey.learningRate: .double(options.learningRate),
        ]
        let minimum = options.perRound
        let strategyOptions = StrategyOptions(
            fitSampling: SamplingPolicy(fraction: Double(options.perRound) / Double(options.clients), minimum: minimum, minimumAvailable: options.clients),
            evaluateSampling: SamplingPolicy(fraction: 0, minimum: 1, minimumAvailable: 1),
            fitConfig: { _ in config },
            centralEvaluation: { round, parameters in
                let result = try await evaluator.evaluate(EvaluateInstruction(round: round, parameters: parameters, config: [FitConfigKey.batchSize: 500]))
                return Evaluation(loss: result.loss, metrics: result.metrics)
            },
            initialParameters: ArrayRecord(model: initial))
        let federation = FederationConfig(
            rounds: options.rounds, roundTimeout: .seconds(3600), onFailure: .stop, evaluateEvery: 0, centralEvaluateEvery: 1,
            targetAccuracy: options.targetAccuracy, seed: options.seed, ordering: .sampled)
        let strategy = try makeStrategy(strategyOptions)
        print("federate  \(strategy.name) · \(options.model.rawValue) (\(initial.parameterCount.formatted()) parameters) · \(options.perRound) of \(options.clients) clients per round · \(options.localEpochs) local epoch\(options.localEpochs == 1 ? "" : "s"), batch \(options.batchSize), lr \(options.learningRate) · seed \(options.seed)")
        let result = try await run(strategy, federation: federation, parts: parts, train: train)
        if let directory = options.history {
            let url = URL(fileURLWithPath: directory)
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
            try result.history.jsonLines().write(to: url.appendingPathComponent("history.jsonl"), atomically: true, encoding: .utf8)
            try result.history.csv().write(to: url.appendingPathComponent("history.csv"), atomically: true, encoding: .utf8)
            print("history   \(directory)/history.jsonl, history.csv")
        }
        let accuracy = result.history.lastCentralEvaluation?.metrics.scalar(MetricKey.accuracy) ?? 0
        print("done      \(result.stopReason) · test accuracy \(String(format: "%.2f%%", accuracy * 100))")
    }

    /// Runs `strategy` (opened from the existential so the engine is specialised for it).
    func run(_ strategy: some Strategy, federation: FederationConfig, parts: [[Int]], train: LabeledDataset) async throws -> FederationResult {
        let engine = RoundEngine(strategy: strategy, config: federation)
        let events = engine.events()
        let printer = Task {
            let clock = ContinuousClock()
            let started = clock.now
            for await event in events {
                guard case .roundFinished(let record) = event else { continue }
                print(Self.line(for: record, elapsed: seconds(started.duration(to: clock.now))))
            }
        }
        // One model per core, lent to whichever client trains next: memory is O(cores × model + data), not
        // a model per client, and updates are bit-identical to a ModelClient's.
        let workers = ModelWorkerPool(preset: options.model, workers: ComputePool.availableCores)
        let state = ClientStateStore()
        for (index, indices) in parts.enumerated() {
            let node = NodeID(UInt64(index + 1))
            await engine.join(node, client: VirtualClient(node: node, training: .subset(train, indices: indices),
                                                          seed: options.seed &+ UInt64(index), workers: workers, state: state))
        }
        let result = try await engine.run()
        await printer.value
        return result
    }

    /// The chosen strategy with `federate`'s server-side settings: FedAvgM with momentum 0.9, FedAdam and
    /// FedAdagrad at server rate 0.01, q-FedAvg (q = 0.2) at the local rate, the flags' μ and Byzantine count;
    /// everything else at the strategy's defaults.
    func makeStrategy(_ options: StrategyOptions) throws -> any Strategy {
        var settings = SimulationConfig.StrategySettings()
        settings.name = self.options.strategy
        switch self.options.strategy {
        case .fedavgm: settings.options = ["server-momentum": 0.9]
        case .fedprox: settings.options = ["proximal-mu": self.options.proximalMu]
        case .fedadam, .fedadagrad: settings.options = ["learning-rate": 0.01]
        case .qfedavg: settings.options = ["learning-rate": self.options.learningRate]
        case .krum, .multiKrum, .bulyan: settings.options = ["byzantine": Double(self.options.byzantine)]
        default: break
        }
        return try settings.make(options: options, clients: self.options.clients, perRound: self.options.perRound)
    }

    static func line(for record: RoundRecord, elapsed: Double) -> String {
        let round = record.round == 0 ? "initial" : "round \(record.round)"
        var parts = [round.padding(toLength: 9, withPad: " ", startingAt: 0)]
        if record.round > 0 {
            parts.append("\(record.accepted.count)/\(record.sampled.count) accepted")
            if let loss = record.fitMetrics.scalar(MetricKey.loss) { parts.append("train loss \(String(format: "%.4f", loss))") }
        }
        if record.status == .failed { parts.append("FAILED: \(record.failureReason ?? "")") }
        if let central = record.centralEvaluation {
            parts.append("test loss \(String(format: "%.4f", central.loss))")
            if let accuracy = central.metrics.scalar(MetricKey.accuracy) { parts.append("test acc \(String(format: "%.2f%%", accuracy * 100))") }
        }
        if !record.rejected.isEmpty { parts.append("\(record.rejected.count) rejected") }
        parts.append(String(format: "(%.1f s)", elapsed))
        return parts.joined(separator: "  ")
    }
}
