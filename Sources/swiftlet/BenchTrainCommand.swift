import ArgumentParser
import Foundation
import SwiftletBenchmarks
import SwiftletNN
import SwiftletTensor

/// `swiftlet bench train`: training samples/s per zoo model, batch size and thread count.
struct BenchTrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Training throughput (samples/s) of the zoo models; with --peer, PyTorch's in the same run."
    )

    @Option(help: "Comma-separated zoo models.")
    var models = "2nn,lenet5,cnn,charlstm,kws,mlp,logreg"

    @Option(help: "Comma-separated batch sizes.")
    var batches = "10,32"

    @Option(help: "Comma-separated thread counts; 'all' means every core.")
    var threads = "1,all"

    @Option(help: "Minimum timed seconds per measurement.")
    var seconds: Double = 2

    @Flag(help: "Also run bench/peers/torch_train.py (needs python3 with torch) and report ratios.")
    var peer = false

    @Option(help: "Write the JSON report here.")
    var output = "bench/results/train.json"

    func run() throws {
        let presets = try models.split(separator: ",").map { name in
            guard let preset = ModelPreset(rawValue: String(name)) else {
                throw ValidationError("unknown model '\(name)'; choose from \(ModelPreset.allCases.map(\.rawValue))")
            }
            return preset
        }
        let batchSizes = try parsePositiveList(batches, name: "batch size")
        let threadCounts = try parseThreads(threads)
        guard seconds > 0 && seconds < 3600 else { throw ValidationError("--seconds must be in (0, 3600)") }

        var peerResults: [PeerKey: Double] = [:]
        var peerInfo: PeerReport?
        if peer {
            print("peer: PyTorch (bench/peers/torch_train.py) …")
            let report = try PeerRunner.run(script: "torch_train.py", arguments: [
                "--models", presets.map(\.rawValue).joined(separator: ","), "--batches", batches,
                "--threads", threadCounts.map(String.init).joined(separator: ","), "--seconds", String(seconds),
            ])
            peerInfo = report
            for r in report.results { peerResults[PeerKey(model: r.model, batch: r.batch, threads: r.threads)] = r.samplesPerSecond }
        }

        print("model      batch threads   swiftlet/s     peak mem" + (peer ? "    pytorch/s   ratio" : ""))
        var rows: [Row] = []
        for threadCount in threadCounts {
            for preset in presets {
                for batch in batchSizes {
                    let m = try BenchmarkSuite.train(preset: preset, batch: batch, threads: threadCount, minSeconds: seconds)
                    let peerValue = peerResults[PeerKey(model: preset.rawValue, batch: batch, threads: threadCount)]
                    var line = "\(pad(preset.rawValue, 10)) \(lpad("\(batch)", 5)) \(lpad("\(threadCount)", 7)) \(lpad(String(format: "%.1f", m.samplesPerSecond), 12)) \(lpad(String(format: "%.1f KiB", Double(m.peakMemoryBytes) / 1024), 12))"
                    if let peerValue {
                        line += " \(lpad(String(format: "%.1f", peerValue), 12)) \(lpad(String(format: "%.2f×", m.samplesPerSecond / peerValue), 7))"
                    }
                    print(line)
                    rows.append(Row(measurement: m, peerSamplesPerSecond: peerValue, ratio: peerValue.map { m.samplesPerSecond / $0 }))
                }
            }
        }
        try writeJSON(Report(date: ISO8601DateFormatter().string(from: Date()), machine: MachineInfo.current(),
                             results: rows, peer: peerInfo), to: output)
        print("wrote \(output)")
    }

    struct Row: Codable {
        var measurement: TrainingMeasurement
        var peerSamplesPerSecond: Double?
        var ratio: Double?
    }

    struct Report: Codable {
        var date: String
        var machine: MachineInfo
        var results: [Row]
        var peer: PeerReport?
    }
}

struct PeerKey: Hashable {
    var model: String
    var batch: Int
    var threads: Int
}

func pad(_ s: String, _ n: Int) -> String { s.count >= n ? s : s + String(repeating: " ", count: n - s.count) }
func lpad(_ s: String, _ n: Int) -> String { s.count >= n ? s : String(repeating: " ", count: n - s.count) + s }
