import ArgumentParser
import Foundation
import SwiftletData
import SwiftletFederated
import SwiftletNN
import SwiftletSimulation
import Synchronization

/// `swiftlet simulate`: the main job — federated learning over simulated edge devices.
struct SimulateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Simulate federated learning over heterogeneous edge devices on one machine.",
        discussion: """
        With no flags: the bundled MNIST split non-IID (2 label shards per device) over 100 devices — phones \
        on LTE and Raspberry Pi 4s on Wi-Fi — 10 sampled per round, FedAvg training LeNet-5 (5 local epochs, \
        batch 10). Every device downloads the model, trains and uploads its update on a simulated clock from \
        its compute speed and radio link; devices that miss the round deadline are dropped as stragglers. \
        A TOML config (--config; schema in docs/SIMULATION-CONFIG.md) fixes a run completely, seed included; \
        flags override it. Results go to the output directory: config.toml (the effective config), \
        rounds.jsonl and rounds.csv (per round), summary.json and charts/*.svg. The same config gives the \
        same rounds.jsonl whatever the number of workers.
        """
    )

    @OptionGroup var options: SimulateOptions

    func run() async throws {
        let config = try options.effectiveConfig()
        if options.printConfig {
            print(config.toml(), terminator: "")
            return
        }
        let experiment: Experiment
        do { experiment = try Experiment.build(config) } catch { throw ValidationError("\(error)") }
        print(experiment.description)
        try await Self.run(experiment.strategy, experiment: experiment, quiet: options.quiet)
    }

    /// Runs `strategy` (opened from the existential so the engine is specialised for it), prints progress
    /// and the summary, and writes the results.
    static func run(_ strategy: some Strategy, experiment: Experiment, quiet: Bool) async throws {
        let config = experiment.config
        let bar = Mutex(ProgressBar(totalRounds: config.rounds))
        let wallTimes = Mutex<[Double]>([])
        let clock = ContinuousClock()
        let started = clock.now
        let result = try await Simulator.run(strategy, setup: experiment.setup) { record in
            let wall = seconds(started.duration(to: clock.now))
            wallTimes.withLock { $0.append(wall) }
            if !quiet { bar.withLock { $0.update(with: record, wallSeconds: wall) } }
        }
        bar.withLock { $0.finish() }
        let wallSeconds = seconds(started.duration(to: clock.now))
        let history = SimulationHistory(records: result.records)
        let target = config.server.targetAccuracy > 0 ? config.server.targetAccuracy : nil
        let summary = SimulationSummary(history: history, wallSeconds: wallSeconds, targetAccuracy: target,
                                        wallTimes: wallTimes.withLock { $0 })
        print("")
        print(summary.table())
        let written = try SimulationOutput.write(
            history: history, summary: summary, charts: config.output.charts ? SimulationCharts(history: history) : nil,
            configTOML: config.toml(), to: config.output.directory, deviceDetail: config.output.deviceDetail)
        print("stopped   \(result.stopReason)")
        print("results   \(config.output.directory)/ (\(written.count) files: config.toml, rounds.jsonl, rounds.csv, summary.json\(config.output.charts ? ", charts/" : ""))")
    }
}

