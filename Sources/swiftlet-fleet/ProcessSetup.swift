import ArgumentParser
import Dispatch
import Foundation
import Logging
import Metrics
import Prometheus
import SwiftletFleet

/// Options every long-running `swiftlet-fleet` command shares.
struct LoggingOptions: ParsableArguments {
    @Option(help: "Log format: text (key=value) or json (one object per line), on standard error.")
    var logFormat: String = "text"

    @Option(help: "Log level: trace, debug, info, notice, warning, error, critical.")
    var logLevel: String = "info"

    /// Installs the log handler once for the process.
    func bootstrap() throws -> Logger.Level {
        guard let level = Logger.Level(rawValue: logLevel) else {
            throw ValidationError("--log-level \(logLevel): expected one of \(Logger.Level.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        switch logFormat {
        case "text":
            LoggingSystem.bootstrap { label in
                var handler = StreamLogHandler.standardError(label: label)
                handler.logLevel = level
                return handler
            }
        case "json":
            LoggingSystem.bootstrap { label in
                var handler = JSONLogHandler(label: label)
                handler.logLevel = level
                return handler
            }
        default:
            throw ValidationError("--log-format \(logFormat): expected text or json")
        }
        return level
    }
}

/// Process-wide wiring for the commands.
enum ProcessSetup {
    /// Routes swift-metrics into `registry`, the one `GET /metrics` serves.
    static func bootstrapMetrics(_ registry: PrometheusCollectorRegistry) {
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
    }

    /// Runs `body` in a task that SIGINT and SIGTERM cancel, for a graceful shutdown.
    static func runCancellableBySignals<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) async throws -> T {
        let task = Task { try await body() }
        let sources = [SIGINT, SIGTERM].map { number -> any DispatchSourceSignal in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { task.cancel() }
            source.resume()
            return source
        }
        defer { sources.forEach { $0.cancel() } }
        return try await task.value
    }
}
