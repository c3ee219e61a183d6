import ArgumentParser
import Foundation
import SwiftletBenchmarks

/// `swiftlet bench scale`: a million virtual devices on one machine.
struct BenchScaleCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scale",
        abstract: "Rounds/s and peak memory of FedAvg over a million virtual devices (LEAF Synthetic, logistic regression).",
        discussion: """
        Each device is a virtual client whose Synthetic(1, 1) data is generated on demand; --per-round are \
        sampled per round and train one local epoch (batch 10) on a 60→10 logistic regression. The peak \
        resident memory covers setting up the federation and the rounds.
        """
    )

    @Option(help: "Devices in the federation.")
    var devices = 1_000_000
    @Option(help: "Devices per round.")
    var perRound = 1_000
    @Option(help: "Rounds.")
    var rounds = 5
    @Option(help: "Write the JSON report here.")
    var json = "bench/results/scale.json"

    func run() async throws {
        guard devices >= 1, perRound >= 1, perRound <= devices, rounds >= 1 else {
            throw ValidationError("--devices, --per-round and --rounds must be positive, --per-round ≤ --devices")
        }
        var benchmark = ScaleBenchmark()
        benchmark.devices = devices
        benchmark.perRound = perRound
        benchmark.rounds = rounds
        let m = try await benchmark.run()
        print(String(format: "%d devices, %d per round: set-up %.1f s; %d rounds in %.1f s = %.3f rounds/s; peak RSS %.0f MiB",
                     m.devices, m.perRound, m.setupSeconds, m.rounds, m.roundSeconds, m.roundsPerSecond,
                     Double(m.peakResidentBytes) / 1_048_576))
        struct Output: Codable { var date: String; var machine: MachineInfo; var measurement: ScaleBenchmark.Measurement }
        try writeJSON(Output(date: ISO8601DateFormatter().string(from: Date()), machine: .current(), measurement: m), to: json)
        print("wrote \(json)")
    }
}
