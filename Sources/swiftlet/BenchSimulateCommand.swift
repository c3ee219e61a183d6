import ArgumentParser
import Foundation
import SwiftletBenchmarks
import SwiftletData
import SwiftletNN

/// What `bench/peers/flower_simulation.py` reports.
struct FlowerSimulationResult: Codable {
    var flwr: String
    var model: String
    var roundSeconds: Double
    var clientUpdatesPerSecond: Double
    /// Rounds 2…N only: without the first round's actor start-up.
    var steadyClientUpdatesPerSecond: Double?
    var peakRSSBytes: Int
    /// Peak proportional set size summed over Flower's processes: shared pages counted once.
    var peakPSSBytes: Int

    enum CodingKeys: String, CodingKey {
        case flwr, model
        case roundSeconds = "round_seconds"
        case clientUpdatesPerSecond = "client_updates_per_second"
        case steadyClientUpdatesPerSecond = "steady_client_updates_per_second"
        case peakRSSBytes = "peak_rss_bytes"
        case peakPSSBytes = "peak_pss_bytes"
    }
}

/// `swiftlet bench simulate`: federated simulation throughput against Flower's, on the same workload.
struct BenchSimulateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Simulated FedAvg client updates/s and memory; with --peer, Flower 1.40's on the same workload.",
        discussion: """
        MNIST dealt IID to --clients clients of --samples images, --per-round sampled per round, 1 local \
        epoch of SGD at batch 10, --rounds rounds, Swiftlet's virtual clients sharing one model per core. \
        Rates are over rounds 2…N (the first round also starts Flower's actors); JSON has both. \
        --peer runs bench/peers/flower_simulation.py (pip install "flwr[simulation]==1.40.0" torch psutil) \
        for each model in the same run and reports the ratios.
        """
    )

    @Option(help: "Models, comma-separated (2nn, lenet5, cnn).")
    var models = "2nn,lenet5,cnn"
    @Option(help: "Clients in the federation.")
    var clients = 100
    @Option(help: "Clients per round.")
    var perRound = 10
    @Option(help: "Training images per client.")
    var samples = 600
    @Option(help: "Rounds.")
    var rounds = 20
    @Option(help: "Model workers (default: one per core).")
    var workers: Int?
    @Option(help: "Directory with the MNIST IDX files. Default: the bundled Data/mnist.")
    var data: String?
    @Flag(help: "Also run Flower 1.40's simulation (Ray + PyTorch) on the same workload and report ratios.")
    var peer = false
    @Option(help: "Write the JSON report here.")
    var json = "bench/results/simulate.json"

    func run() async throws {
        let presets = try models.split(separator: ",").map { name in
            guard let preset = ModelPreset(rawValue: String(name)), ModelPreset.imageModels.contains(preset) else {
                throw ValidationError("unknown image model '\(name)'; choose from \(ModelPreset.imageModels.map(\.rawValue))")
            }
            return preset
        }
        guard clients >= 1, perRound >= 1, perRound <= clients, samples >= 1, rounds >= 1 else {
            throw ValidationError("--clients, --per-round, --samples and --rounds must be positive, --per-round ≤ --clients")
        }
        guard clients * samples <= 60_000 else { throw ValidationError("--clients × --samples exceeds MNIST's 60,000 images") }
        let directory = try data ?? BundledData.mnistDirectory()
        var benchmark = SimulationBenchmark()
        benchmark.clients = clients
        benchmark.perRound = perRound
        benchmark.samples = samples
        benchmark.rounds = rounds
        if let workers {
            guard workers >= 1 else { throw ValidationError("--workers must be at least 1") }
            benchmark.workers = workers
        }
        struct Row: Codable {
            var swiftlet: SimulationBenchmark.Measurement
            var flower: FlowerSimulationResult?
            var updatesRatio: Double?
            var memoryRatio: Double?
        }
        var rows: [Row] = []
        print("model     updates/s  round s  peak RSS   test acc" + (peer ? "   flower/s  flower PSS    ratio  memory" : ""))
        for preset in presets {
            let m = try await benchmark.run(preset: preset, mnist: directory)
            var line = "\(pad(preset.rawValue, 6)) \(lpad(String(format: "%.2f", m.steadyClientUpdatesPerSecond ?? m.clientUpdatesPerSecond), 12)) "
                + "\(lpad(String(format: "%.1f", m.roundSeconds), 8)) \(lpad(mebibytes(m.peakResidentBytes), 9)) "
                + "\(lpad(String(format: "%.2f%%", m.testAccuracy * 100), 9))"
            var row = Row(swiftlet: m)
            if peer {
                let flower = try PeerRunner.run(script: "flower_simulation.py", arguments: [
                    "--model", preset.rawValue, "--clients", "\(clients)", "--per-round", "\(perRound)",
                    "--samples", "\(samples)", "--rounds", "\(rounds)", "--data", directory,
                ], as: FlowerSimulationResult.self)
                row.flower = flower
                // Steady rates (rounds 2…N) on both sides, so Flower's actor start-up is not held against it.
                let flowerRate = flower.steadyClientUpdatesPerSecond ?? flower.clientUpdatesPerSecond
                row.updatesRatio = (m.steadyClientUpdatesPerSecond ?? m.clientUpdatesPerSecond) / flowerRate
                // PSS, not summed RSS: Ray's processes share pages, which summed RSS counts once per process.
                row.memoryRatio = Double(m.peakResidentBytes) / Double(flower.peakPSSBytes)
                line += " \(lpad(String(format: "%.2f", flowerRate), 10)) \(lpad(mebibytes(flower.peakPSSBytes), 11))"
                    + " \(lpad(String(format: "%.1f×", row.updatesRatio!), 8)) \(lpad(String(format: "%.3f", row.memoryRatio!), 7))"
            }
            print(line)
            rows.append(row)
        }
        struct Output: Codable { var date: String; var machine: MachineInfo; var rows: [Row] }
        try writeJSON(Output(date: ISO8601DateFormatter().string(from: Date()), machine: .current(), rows: rows), to: json)
        print("wrote \(json)")
    }


    func mebibytes(_ bytes: Int) -> String { String(format: "%.0f MiB", Double(bytes) / 1_048_576) }
}
