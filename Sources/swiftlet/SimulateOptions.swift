import ArgumentParser
import Foundation
import SwiftletNN
import SwiftletSimulation

extension DatasetKind: ExpressibleByArgument {}
extension PartitionScheme: ExpressibleByArgument {}
extension StrategyKind: ExpressibleByArgument {}

/// The options of `swiftlet simulate`: a config file, and flags that override its most used settings.
struct SimulateOptions: ParsableArguments {
    @Option(help: "A TOML run configuration (schema: docs/SIMULATION-CONFIG.md). Default: the built-in default experiment.")
    var config: String?

    @Option(help: "Training rounds.")
    var rounds: Int?

    @Option(help: "Seed for the split, model, sampling, shuffling, link losses and availability.")
    var seed: UInt64?

    @Option(help: "Dataset: \(DatasetKind.allCases.map(\.rawValue).joined(separator: ", ")).")
    var dataset: DatasetKind?

    @Option(help: "Dataset file or directory (default: the bundled copy).")
    var data: String?

    @Option(help: "Partition scheme: \(PartitionScheme.allCases.map(\.rawValue).joined(separator: ", ")).")
    var partition: PartitionScheme?

    @Option(help: "Virtual devices (clients).")
    var clients: Int?

    @Option(help: "Devices sampled per round.")
    var perRound: Int?

    @Option(help: "Zoo model: \(ModelPreset.allCases.map(\.rawValue).joined(separator: ", ")).")
    var model: ModelPreset?

    @Option(help: "Strategy: \(StrategyKind.allCases.map(\.rawValue).joined(separator: ", ")).")
    var strategy: StrategyKind?

    @Option(help: "Local epochs per round.")
    var localEpochs: Int?

    @Option(help: "Local batch size.")
    var batchSize: Int?

    @Option(help: "Local learning rate.")
    var learningRate: Double?

    @Option(help: "Round deadline in simulated seconds; later devices are dropped as stragglers.")
    var deadline: Double?

    @Option(help: "Stop once central test accuracy reaches this fraction.")
    var targetAccuracy: Double?

    @Option(help: "Models kept for training (default: one per core); never changes the results.")
    var workers: Int?

    @Option(help: "Directory for config.toml, rounds.jsonl, rounds.csv, summary.json and charts/.")
    var output: String?

    @Flag(help: "Do not write SVG charts.")
    var noCharts = false

    @Flag(help: "No per-round progress; only the summary.")
    var quiet = false

    @Flag(help: "Print the effective configuration (config file plus flags) as TOML and exit.")
    var printConfig = false

    /// The config file (or the default) with the flags applied, validated.
    func effectiveConfig() throws -> SimulationConfig {
        var config = SimulationConfig.default
        if let path = self.config {
            do { config = try SimulationConfig(contentsOfFile: path) } catch { throw ValidationError("\(error)") }
        }
        if let rounds { config.rounds = rounds }
        if let seed { config.seed = seed }
        if let dataset { config.data.dataset = dataset }
        if let data { config.data.path = data }
        if let partition { config.partition.scheme = partition }
        if let clients { config.partition.clients = clients }
        if let perRound { config.server.perRound = perRound }
        if let model { config.model.preset = model }
        if let strategy { config.strategy.name = strategy }
        if let localEpochs { config.client.localEpochs = localEpochs }
        if let batchSize { config.client.batchSize = batchSize }
        if let learningRate { config.client.learningRate = learningRate }
        if let deadline { config.server.deadline = deadline }
        if let targetAccuracy { config.server.targetAccuracy = targetAccuracy }
        if let workers { config.workers = workers }
        if let output { config.output.directory = output }
        if noCharts { config.output.charts = false }
        do { try config.validate() } catch { throw ValidationError("\(error)") }
        return config
    }
}
