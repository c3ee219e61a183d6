import ArgumentParser
import Foundation
import Logging
import Prometheus
import SwiftletFederated
import SwiftletFleet
import SwiftletFleetHTTPServer

/// `swiftlet-fleet server`: runs a federation from a config and serves the fleet protocol.
struct ServerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "server",
        abstract: "Run a federation over the network from a TOML config, serving Flower's Fleet API.",
        discussion: """
        The config is the `swiftlet simulate` format (rounds, [model], [data], [partition], [client], [server], \
        [strategy]) plus a [deployment] table (host, port, database, run-name, encoding, limits, [deployment.tls], \
        [deployment.auth]); see docs/FLEET.md. State lives in the SQLite database: stop or kill the server and \
        start it again with the same config and it resumes the run from its last completed round. SIGINT or \
        SIGTERM stop it gracefully. Metrics: GET /metrics (Prometheus); health: GET /health.
        """
    )

    @Option(name: .shortAndLong, help: "The server config (TOML).")
    var config: String?

    @Option(help: "Override deployment.port (0 picks a free port).")
    var port: Int?

    @Option(help: "Override deployment.host.")
    var host: String?

    @Option(help: "Override deployment.database.")
    var database: String?

    @Option(help: "Override deployment.run-name (a new name starts a new run).")
    var runName: String?

    @Option(help: "Override deployment.results.")
    var results: String?

    @Option(help: "Write the bound port to this file once listening (for scripts that use --port 0).")
    var portFile: String?

    @Option(help: "Seconds to keep serving after the run ends, so nodes learn it is finished.")
    var finishGrace: Double = 10

    @Flag(help: "Serve the fleet protocol only (register, heartbeat, poll) without running a federation.")
    var serveOnly = false

    @OptionGroup var logging: LoggingOptions

    func run() async throws {
        AllocatorTuning.apply()
        _ = try logging.bootstrap()
        var settings: FleetServerConfig
        if let config {
            settings = try FleetServerConfig(contentsOfFile: config)
        } else {
            settings = FleetServerConfig()
        }
        if let port {
            guard (0...65_535).contains(port) else { throw ValidationError("--port \(port): expected 0 to 65535") }
            settings.deployment.port = port
        }
        if let host { settings.deployment.host = host }
        if let database { settings.deployment.database = database }
        if let runName { settings.deployment.runName = runName }
        if let results { settings.deployment.results = results }
        guard finishGrace >= 0, finishGrace.isFinite else { throw ValidationError("--finish-grace must be ≥ 0") }
        let registry = PrometheusCollectorRegistry()
        ProcessSetup.bootstrapMetrics(registry)
        var app = FleetServerApp(config: settings, metrics: FleetHTTPMetrics(registry: registry))
        app.serveOnly = serveOnly
        app.finishGrace = .milliseconds(Int64(finishGrace * 1_000))
        let portFile = self.portFile
        let finalApp = app
        let result: FederationResult?
        do {
            result = try await ProcessSetup.runCancellableBySignals {
                try await finalApp.run { port in
                    if let portFile { try? "\(port)\n".write(toFile: portFile, atomically: true, encoding: .utf8) }
                }
            }
        } catch is CancellationError {
            print("server stopped; start it again with the same config and database to resume the run")
            return
        }
        if let result {
            let summary = FleetRunSummary(result)
            var line = "run finished: \(summary.stopReason); \(summary.completedRounds) rounds"
            if let accuracy = summary.accuracy { line += String(format: "; accuracy %.4f", accuracy) }
            print(line + "; results in \(settings.deployment.results)")
        }
    }
}
