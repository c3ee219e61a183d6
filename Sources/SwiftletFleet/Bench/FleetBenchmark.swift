import AsyncHTTPClient
import Foundation
import NIOCore
import Logging
import SwiftletFederated
import SwiftletFleetNode
import SwiftletFleetProtocol

/// The fleet benchmark: N concurrent in-process nodes over loopback against a `swiftlet-fleet server` child
/// process.
///
/// Two phases, each against a fresh server and database:
/// 1. **Polling** — `nodes` nodes register, activate, heartbeat and poll an idle server (`--serve-only`);
///    measured: registration time, request latency percentiles, requests/s and the server's RSS.
/// 2. **Rounds** — `roundNodes` nodes take part in `rounds` FedAvg rounds of the `2nn` model, every node
///    sampled every round; each answers with an update (the received model moved by a small step, no
///    training, so the figures are the server's and the protocol's). Measured: each round's duration on the
///    server's clock (from `rounds.jsonl`), rounds/s, request latency, server peak RSS, and the object bytes
///    the nodes push and pull per round — with ``Options/uplinkCodec`` and ``Options/downlinkCodec`` the
///    updates and models travel compressed (`docs/FLEET.md`, "Compressed updates").
/// 3. **Flower** (with ``Options/flowerBin``) — the same rounds served by flwr 1.40's SuperLink and Flower's
///    own FedAvg ServerApp (`bench/peers/flower_fleet_app`), the same nodes in Flower mode (`.npy` arrays,
///    one object per request): the same figures, and Flower's round time and CPU over Swiftlet's.
///
/// The nodes share one HTTP client (a pool of `connections` connections) — a real fleet has one connection
/// per device; the server's work per request is the same.
public struct FleetBenchmark: Sendable {
    /// What to run.
    public struct Options: Sendable {
        /// The `swiftlet-fleet` executable to start the server with.
        public var executable: String
        /// A scratch directory for configs, databases and results.
        public var directory: URL
        /// Nodes in the polling phase (0 skips it).
        public var nodes = 10_000
        /// Seconds of steady polling measured.
        public var pollingSeconds = 30.0
        /// Nodes in the rounds phase (0 skips it).
        public var roundNodes = 1_000
        /// Rounds in the rounds phase.
        public var rounds = 3
        /// How often an idle node polls in the polling phase, seconds.
        public var pollInterval = 5.0
        /// How often an idle node polls in the rounds phase, seconds: part of every round's time, since a
        /// node learns of its instruction at its next poll.
        public var roundPollInterval = 1.0
        /// Connections the nodes share.
        public var connections = 256
        /// The rounds phase's `server.uplink-codec`: how nodes encode their updates.
        public var uplinkCodec = "f32le"
        /// The rounds phase's `server.downlink-codec`: how the server sends models.
        public var downlinkCodec = "f32le"
        /// The rounds phase's `server.error-feedback`.
        public var errorFeedback = false
        /// The bin directory of a Python environment with flwr 1.40 (`flower-superlink`, `flwr`): when set,
        /// the rounds phase runs a second time against Flower's SuperLink, for a same-run ratio.
        public var flowerBin: URL?

        /// Creates options.
        public init(executable: String, directory: URL) {
            self.executable = executable
            self.directory = directory
        }
    }

    /// The options.
    public let options: Options
    let logger: Logger

    /// Creates the benchmark.
    public init(options: Options, logger: Logger = Logger(label: "swiftlet.fleet.bench")) {
        self.options = options
        self.logger = logger
    }

    /// Runs the phases, reporting progress lines through `progress`.
    public func run(progress: @escaping @Sendable (String) -> Void) async throws -> FleetBenchmarkReport {
        try FileManager.default.createDirectory(at: options.directory, withIntermediateDirectories: true)
        var report = FleetBenchmarkReport(
            polling: nil, rounds: nil, flower: nil, cores: ProcessInfo.processInfo.activeProcessorCount,
            date: Date().formatted(Date.ISO8601FormatStyle()))
        if options.nodes > 0 { report.polling = try await polling(progress: progress) }
        if options.roundNodes > 0 { report.rounds = try await roundsPhase(progress: progress) }
        if options.roundNodes > 0, let bin = options.flowerBin, let swiftlet = report.rounds {
            var flower = try await flowerPhase(bin: bin, app: Self.flowerApp(), progress: progress)
            flower.roundTimeRatio = Self.ratio(flower.roundSeconds, swiftlet.roundSeconds)
            flower.cpuRatio = Self.ratio(flower.cpuSeconds, swiftlet.serverCPUSeconds)
            report.flower = flower
        }
        return report
    }

    /// The mean of `numerator` over the mean of `denominator`; `nil` when either is empty or the denominator 0.
    static func ratio(_ numerator: [Double], _ denominator: [Double]) -> Double? {
        guard !numerator.isEmpty, !denominator.isEmpty else { return nil }
        let bottom = denominator.reduce(0, +) / Double(denominator.count)
        return bottom > 0 ? numerator.reduce(0, +) / Double(numerator.count) / bottom : nil
    }

    func makeHTTPClient() -> HTTPClient {
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool = .init(idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: options.connections)
        configuration.timeout = .init(connect: .seconds(30), read: .seconds(120))
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    func writeConfig(_ text: String, name: String) throws -> URL {
        let url = options.directory.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url
    }
}
