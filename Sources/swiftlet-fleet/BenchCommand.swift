import ArgumentParser
import Foundation
import Logging
import SwiftletFederated
import SwiftletFleet

/// `swiftlet-fleet bench`: the fleet benchmark.
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure the fleet server: N nodes polling, and rounds in which every node pushes a 2nn update.",
        discussion: """
        Starts this executable's `server` as a child process (its memory is measured apart from the nodes') \
        and drives in-process nodes over loopback. Phase 1: --nodes nodes register and poll an idle server \
        (latency p50/p99, requests/s, server RSS). Phase 2: --round-nodes nodes, all sampled, through --rounds \
        FedAvg rounds of the 2nn model (round time on the server's clock, rounds/s, latency, server peak RSS, \
        object bytes up and down per round; --uplink-codec, --downlink-codec and --error-feedback compress them). \
        With --flower-bin, phase 3 serves the same rounds with Flower (flwr 1.40's flower-superlink and a FedAvg \
        ServerApp from bench/peers/flower_fleet_app) to the same nodes in Flower mode, and reports Flower's round \
        time and server CPU over Swiftlet's from the same run. Build with -c release. Targets (issue #5): 10,000 nodes polling with server RSS < 1 GiB; a round of \
        1,000 2nn updates in < 10 s.
        """
    )

    @Option(help: "Nodes in the polling phase (0 skips it).")
    var nodes = 10_000

    @Option(help: "Seconds of steady polling measured.")
    var pollingSeconds = 30.0

    @Option(help: "Nodes in the rounds phase (0 skips it).")
    var roundNodes = 1_000

    @Option(help: "Rounds in the rounds phase.")
    var rounds = 3

    @Option(help: "Seconds between an idle node's polls in the polling phase.")
    var pollInterval = 5.0

    @Option(help: "Seconds between an idle node's polls in the rounds phase (a node sees its instruction at its next poll).")
    var roundPollInterval = 1.0

    @Option(help: "HTTP connections the in-process nodes share.")
    var connections = 256

    @Option(help: "Rounds phase: how nodes encode updates, f32le or a codec such as topk:0.01+u8.")
    var uplinkCodec = "f32le"

    @Option(help: "Rounds phase: how the server sends models, f32le (whole) or a codec (deltas against what each node holds).")
    var downlinkCodec = "f32le"

    @Flag(help: "Rounds phase: nodes keep the uplink codec's error-feedback residual.")
    var errorFeedback = false

    @Option(help: ArgumentHelp(
        "Rounds phase: also serve the rounds with Flower, for a same-run ratio: the bin directory of a Python environment with flwr==1.40.0.",
        valueName: "dir"))
    var flowerBin: String?

    @Option(help: "Scratch directory for the server's config, database and results.")
    var directory = ".build/fleet-bench"

    @Option(help: "Where to write the JSON report.")
    var output = "results/bench/fleet.json"

    func validate() throws {
        guard nodes >= 0, roundNodes >= 0, nodes <= 100_000, roundNodes <= 100_000 else {
            throw ValidationError("--nodes and --round-nodes must be in 0...100000")
        }
        guard rounds >= 1, rounds <= 1_000 else { throw ValidationError("--rounds must be in 1...1000") }
        guard pollingSeconds > 0, pollInterval > 0, roundPollInterval > 0, pollingSeconds.isFinite, pollInterval.isFinite,
              roundPollInterval.isFinite else {
            throw ValidationError("--polling-seconds, --poll-interval and --round-poll-interval must be positive")
        }
        guard (1...10_000).contains(connections) else { throw ValidationError("--connections must be in 1...10000") }
        for (flag, specification) in [("--uplink-codec", uplinkCodec), ("--downlink-codec", downlinkCodec)] {
            do { _ = try CodecRegistry.codec(specification: specification) } catch {
                throw ValidationError("\(flag): \(error)")
            }
        }
        if let flowerBin {
            guard roundNodes > 0 else { throw ValidationError("--flower-bin needs a rounds phase (--round-nodes > 0)") }
            guard uplinkCodec == "f32le", downlinkCodec == "f32le" else {
                throw ValidationError("--flower-bin: Flower's ServerApp reads plain .npy arrays; leave --uplink-codec and --downlink-codec at f32le")
            }
            for tool in ["flower-superlink", "flwr"] where !FileManager.default.isExecutableFile(atPath: flowerBin + "/" + tool) {
                throw ValidationError("--flower-bin \(flowerBin): no executable \(tool) there (python3 -m venv DIR && DIR/bin/pip install flwr==1.40.0)")
            }
        }
        if errorFeedback, uplinkCodec == "f32le" { throw ValidationError("--error-feedback needs a compressed --uplink-codec") }
    }

    func run() async throws {
        AllocatorTuning.apply()
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = .warning
            return handler
        }
        let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path
        var options = FleetBenchmark.Options(executable: executable,
                                             directory: URL(fileURLWithPath: directory).standardizedFileURL)
        options.nodes = nodes
        options.pollingSeconds = pollingSeconds
        options.roundNodes = roundNodes
        options.rounds = rounds
        options.pollInterval = pollInterval
        options.roundPollInterval = roundPollInterval
        options.connections = connections
        options.uplinkCodec = uplinkCodec
        options.downlinkCodec = downlinkCodec
        options.errorFeedback = errorFeedback
        options.flowerBin = flowerBin.map { URL(fileURLWithPath: $0).standardizedFileURL }
        // Progress lines go out unbuffered, so they show as they happen also when the output is a file.
        let report = try await FleetBenchmark(options: options).run { line in
            FileHandle.standardOutput.write(Data((line + "\n").utf8))
        }
        print(FleetBenchmarkTable.render(report))
        let url = URL(fileURLWithPath: output)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try encoder.encode(report).write(to: url)
        print("wrote \(output)")
    }
}
