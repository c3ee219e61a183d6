import ArgumentParser
import Foundation
import SwiftletBenchmarks
import SwiftletTensor

/// `swiftlet bench aggregate`: server-side aggregation GB/s beside the machine's copy bandwidth.
struct BenchAggregateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "aggregate",
        abstract: "Aggregation throughput (FedAvg, median, trimmed mean, Krum) over cnn-sized updates, against memory-copy bandwidth.",
        discussion: """
            FedAvg runs its streaming path over --updates updates drawn from --distinct-updates vectors (16: \
            106 MB, more than the L3 cache); the copy moves 256 MB on the same threads. GB/s count bytes read. FedAvg and the \
            copy are also measured on one thread. "FedAvg round" is a whole round through the round engine with \
            --updates in-process nodes answering at once: dispatch, validation of every update, ordered \
            streaming aggregation.
            """
    )

    @Option(help: "Updates FedAvg aggregates per run.")
    var updates = 1000

    @Option(help: "Updates the robust strategies (median, trimmed mean, Krum) aggregate per run.")
    var robustUpdates = 100

    @Option(help: "Threads ('all' = every core).")
    var threads = "all"

    @Option(help: "Distinct update vectors FedAvg cycles through (16 × 6.65 MB = 106 MB, over the 32 MB L3).")
    var distinctUpdates = 16

    @Option(help: "Timed runs (the best is reported; the copy gets at least 10, robust strategies at most 3).")
    var repeats = 5

    @Option(help: "Write the JSON report here.")
    var json = "bench/results/aggregate.json"

    @Flag(help: "Measure FedAvg and the copy only.")
    var skipRobust = false

    func run() async throws {
        guard let threadCount = try parseThreads(threads).first, threads.split(separator: ",").count == 1 else {
            throw ValidationError("--threads takes one count or 'all'")
        }
        guard (1...100_000).contains(updates) else { throw ValidationError("--updates must be in 1...100000") }
        guard (3...1000).contains(robustUpdates) else { throw ValidationError("--robust-updates must be in 3...1000") }
        guard (1...256).contains(distinctUpdates) else { throw ValidationError("--distinct-updates must be in 1...256") }
        guard (1...100).contains(repeats) else { throw ValidationError("--repeats must be in 1...100") }
        var benchmark = AggregationBenchmark(updates: updates, robustUpdates: robustUpdates, threads: threadCount,
                                             repeats: repeats, includeRobust: !skipRobust)
        benchmark.distinctUpdates = distinctUpdates
        let report = try await benchmark.run()
        for (copy, fedAvg) in zip(report.copy, report.fedAvg) {
            print("FedAvg on \(fedAvg.threads) thread\(fedAvg.threads == 1 ? "" : "s"): "
                  + String(format: "%.2f GB/s = %.0f%% of copy (%.2f GB/s)", fedAvg.gigabytesPerSecond,
                           100 * (fedAvg.ratioToCopy ?? 0), copy.gigabytesPerSecond))
        }
        struct Output: Codable { var date: String; var machine: MachineInfo; var report: AggregationReport }
        try writeJSON(Output(date: ISO8601DateFormatter().string(from: Date()), machine: .current(), report: report), to: json)
        print("wrote \(json)")
    }
}
