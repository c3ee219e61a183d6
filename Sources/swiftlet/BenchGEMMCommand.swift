import ArgumentParser
import Foundation
import SwiftletBenchmarks

/// `swiftlet bench gemm`: matrix-multiply GFLOPS for square sizes, optionally beside numpy's BLAS.
struct BenchGEMMCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gemm",
        abstract: "Matrix-multiply GFLOPS (square float32); with --peer, numpy/OpenBLAS in the same run."
    )

    @Option(help: "Comma-separated square sizes.")
    var sizes = "64,128,256,512,1024"

    @Option(help: "Comma-separated thread counts; 'all' means every core.")
    var threads = "1,all"

    @Option(help: "Timed repetitions per size (the best is kept).")
    var repetitions = 10

    @Flag(help: "Also run bench/peers/gemm_numpy.py (needs python3 with numpy) and report ratios.")
    var peer = false

    @Option(help: "Write the JSON report here.")
    var output = "bench/results/gemm.json"

    struct Row: Codable {
        var measurement: GEMMMeasurement
        var peerGflops: Double?
        var ratio: Double?
    }

    struct NumpyRow: Codable {
        var size: Int
        var threads: Int
        var gflops: Double
    }

    func run() throws {
        let sizeList = try parsePositiveList(sizes, name: "size")
        guard sizeList.allSatisfy({ $0 <= 8192 }) else { throw ValidationError("sizes above 8192 would need over 800 MB") }
        let threadCounts = try parseThreads(threads)
        guard (1...1000).contains(repetitions) else { throw ValidationError("--repetitions must be in 1...1000") }
        var peerRows: [NumpyRow] = []
        if peer {
            print("peer: numpy (bench/peers/gemm_numpy.py) …")
            peerRows = try PeerRunner.run(script: "gemm_numpy.py",
                                          arguments: ["--sizes"] + sizeList.map(String.init) + ["--repetitions", String(repetitions)],
                                          removingEnvironment: ["OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE"],
                                          as: [NumpyRow].self)
        }
        print("  size threads  swiftlet GFLOPS" + (peer ? "  numpy GFLOPS   ratio" : ""))
        var rows: [Row] = []
        for threadCount in threadCounts {
            for m in BenchmarkSuite.gemm(sizes: sizeList, threads: threadCount, repetitions: repetitions) {
                let peerValue = peerRows.first { $0.size == m.size && $0.threads == m.threads }?.gflops
                var line = "\(lpad("\(m.size)", 6)) \(lpad("\(m.threads)", 7)) \(lpad(String(format: "%.1f", m.gflops), 16))"
                if let peerValue {
                    line += " \(lpad(String(format: "%.1f", peerValue), 13)) \(lpad(String(format: "%.0f%%", 100 * m.gflops / peerValue), 7))"
                }
                print(line)
                rows.append(Row(measurement: m, peerGflops: peerValue, ratio: peerValue.map { m.gflops / $0 }))
            }
        }
        struct Report: Codable { var date: String; var machine: MachineInfo; var results: [Row] }
        try writeJSON(Report(date: ISO8601DateFormatter().string(from: Date()), machine: .current(), results: rows), to: output)
        print("wrote \(output)")
    }
}
