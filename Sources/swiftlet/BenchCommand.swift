import ArgumentParser
import SwiftletTensor

/// `swiftlet bench`: throughput measurements, side by side with the peers.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure Swiftlet's speed, optionally against PyTorch / numpy in the same run.",
        discussion: "Figures go to stdout and, as JSON, to bench/results/. See docs/BENCHMARKS.md.",
        subcommands: [BenchTrainCommand.self, BenchGEMMCommand.self, BenchAggregateCommand.self, BenchSimulateCommand.self,
                      BenchScaleCommand.self, BenchCodecsCommand.self]
    )
}

/// Parses `1,all` style thread lists.
func parseThreads(_ text: String) throws -> [Int] {
    try text.split(separator: ",").map { part in
        if part == "all" { return ComputePool.availableCores }
        guard let n = Int(part), n > 0 else { throw ValidationError("invalid thread count '\(part)'") }
        return n
    }
}

/// Parses a comma-separated list of positive integers.
func parsePositiveList(_ text: String, name: String) throws -> [Int] {
    try text.split(separator: ",").map { part in
        guard let n = Int(part), n > 0, n <= 1 << 20 else { throw ValidationError("invalid \(name) '\(part)'") }
        return n
    }
}
