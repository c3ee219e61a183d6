import ArgumentParser
import SwiftletNN
import SwiftletSimulation

/// How `swiftlet federate` splits the training set across clients.
enum PartitionName: String, CaseIterable, ExpressibleByArgument {
    /// Shuffled and dealt evenly.
    case iid
    /// McMahan et al.'s label-sorted shards, two per client.
    case shards
}

/// The options of `swiftlet federate`.
struct FederateOptions: ParsableArguments {
    @Option(help: "Zoo model: \(ModelPreset.imageModels.map(\.rawValue).joined(separator: ", ")).")
    var model: ModelPreset = .twoNN

    @Option(help: "Strategy: \(StrategyKind.allCases.map(\.rawValue).joined(separator: ", ")).")
    var strategy: StrategyKind = .fedavg

    @Option(help: "Clients (each holds an equal part of the training set).")
    var clients = 100

    @Option(help: "Clients sampled per round.")
    var perRound = 10

    @Option(help: "Training rounds.")
    var rounds = 20

    @Option(help: "How the training set is split: iid, or shards (label-sorted, 2 per client: non-IID).")
    var partition: PartitionName = .shards

    @Option(help: "Local epochs per round.")
    var localEpochs = 1

    @Option(help: "Local batch size.")
    var batchSize = 10

    @Option(help: "Local SGD learning rate.")
    var learningRate = 0.05

    @Option(help: "FedProx's proximal μ (fedprox only).")
    var proximalMu = 0.01

    @Option(help: "Byzantine nodes assumed by krum, multi-krum and bulyan.")
    var byzantine = 1

    @Option(help: "Stop early once central test accuracy reaches this fraction.")
    var targetAccuracy: Double?

    @Option(help: "Seed for the model, the split, sampling and shuffling; the same seed gives the same run.")
    var seed: UInt64 = 1

    @Option(help: "Use only the first N training samples.")
    var trainLimit: Int?

    @Option(help: "Directory with the MNIST IDX files (raw or .gz). Default: the bundled Data/mnist.")
    var data: String?

    @Option(help: "Write history.jsonl and history.csv into this directory.")
    var history: String?

    func validate() throws {
        guard ModelPreset.imageModels.contains(model) else {
            throw ValidationError("model '\(model.rawValue)' does not take 28×28 images; choose one of \(ModelPreset.imageModels.map(\.rawValue))")
        }
        guard clients >= 1 && clients <= 100_000 else { throw ValidationError("--clients must be in 1...100000") }
        guard perRound >= 1 && perRound <= clients else { throw ValidationError("--per-round must be in 1...\(clients) (the client count)") }
        guard rounds >= 1 else { throw ValidationError("--rounds must be positive") }
        guard localEpochs >= 1 && localEpochs <= 10_000 else { throw ValidationError("--local-epochs must be in 1...10000") }
        guard batchSize >= 1 && batchSize <= 65_536 else { throw ValidationError("--batch-size must be in 1...65536") }
        guard learningRate.isFinite && learningRate > 0 else { throw ValidationError("--learning-rate must be a positive number") }
        guard proximalMu.isFinite && proximalMu >= 0 else { throw ValidationError("--proximal-mu must be ≥ 0") }
        guard byzantine >= 0 else { throw ValidationError("--byzantine must be ≥ 0") }
        if let targetAccuracy, !(targetAccuracy > 0 && targetAccuracy <= 1) { throw ValidationError("--target-accuracy must be in (0, 1]") }
        if let trainLimit, trainLimit < clients { throw ValidationError("--train-limit must be at least the client count") }
    }
}
