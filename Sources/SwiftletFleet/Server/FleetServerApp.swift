import Foundation
import Logging
import SwiftletFederated
import SwiftletFleetHTTPServer
import SwiftletFleetProtocol
import SwiftletFleetServer
import SwiftletSimulation

/// A whole fleet server from a config file: the SQLite store, the Fleet API service, the HTTP(S) front end and
/// the round engine driving remote nodes.
///
/// `run()` serves the fleet protocol and runs the federation; when the run ends the server keeps answering for
/// ``finishGrace`` so nodes learn from GetRun that the run is finished and deactivate, then stops. Cancelling
/// the calling task (SIGINT/SIGTERM in the CLI) stops serving and leaves the run resumable: start the server
/// again with the same config and database and it resumes from the last completed round.
public struct FleetServerApp: Sendable {
    /// The config the server runs.
    public let config: FleetServerConfig
    /// How long the server keeps serving after the run ends.
    public var finishGrace: Duration = .seconds(10)
    /// Serve the fleet protocol only: nodes register, heartbeat and poll, no federation runs.
    public var serveOnly = false
    private let logger: Logger
    private let metrics: FleetHTTPMetrics

    /// Creates the server for `config`.
    /// - Parameters:
    ///   - metrics: the request metrics; their registry is what `GET /metrics` serves (bootstrap swift-metrics
    ///     with the same registry so the service's and the engine's metrics appear there too).
    public init(config: FleetServerConfig, metrics: FleetHTTPMetrics = FleetHTTPMetrics(),
                logger: Logger = Logger(label: "swiftlet.fleet.server")) {
        self.config = config
        self.metrics = metrics
        self.logger = logger
    }

    /// Serves and runs the federation; returns its result (nil when serving only).
    /// - Parameter onListening: called once with the bound port (useful with port 0).
    /// - Throws: ``FleetServerAppError`` for unusable files (TLS, allow-list, database) or a config error; the
    ///   runtime's error when the federation fails.
    public func run(onListening: @escaping @Sendable (Int) -> Void = { _ in }) async throws -> FederationResult? {
        let d = config.deployment
        let http = try makeHTTPServer()
        let plan = serveOnly ? nil : try FleetRunPlan(config: config.experiment)
        let store: SQLiteFleetStore
        let folder = URL(fileURLWithPath: d.database).deletingLastPathComponent()
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        do { store = try SQLiteFleetStore(path: d.database, spareFileBytes: d.spareFileBytes) } catch {
            throw FleetServerAppError.database(path: d.database, reason: error.description)
        }
        if let plan, d.prepareSpareFiles { try await prepareSpareFiles(store, for: plan) }
        let service = FleetService(
            store: store, limits: FleetServiceLimits(maxObjectBytes: d.maxObjectBytes), seed: config.experiment.seed)
        try await service.restore()
        let server = FleetHTTPServer(configuration: http, handler: service, metrics: metrics, logger: logger)
        return try await withThrowingTaskGroup(of: FederationResult?.self) { group in
            group.addTask {
                try await server.run()
                return nil
            }
            let port = try await server.boundPort()
            logger.info("fleet server listening", metadata: [
                "address": "\(d.host):\(port)", "tls": "\(d.tls != nil)", "auth": "\(d.authorizedKeys != nil)",
                "database": "\(d.database)",
            ])
            onListening(port)
            guard let plan else {
                _ = try await group.next()
                return nil
            }
            let result = try await runFederation(plan, service: service)
            logger.info("run finished; serving \(finishGrace) more so nodes learn it", metadata: ["stop": "\(result.stopReason)"])
            // Nodes learn that the run ended only from GetRun on their next poll: keep answering for a while.
            try await Task.sleep(for: finishGrace)
            group.cancelAll()
            return result
        }
    }

    /// Writes spare object files for one round of `plan`'s updates — `per-round` files of the model's
    /// float32 size, rounded up to whole 4 KiB pages — unless the store already holds them, so that a fresh
    /// deployment's first round overwrites files as later rounds do (``SQLiteFleetStore/prepareSpareFiles(count:size:)``).
    ///
    /// The writes run on a thread that may block on the disk, not on one of the few Swift concurrency threads
    /// (as many as cores) that an app embedding the server shares with everything else.
    private func prepareSpareFiles(_ store: SQLiteFleetStore, for plan: FleetRunPlan) async throws {
        let size = Self.spareFileSize(parameters: plan.parameterCount)
        let count = config.experiment.server.perRound
        let clock = ContinuousClock()
        let start = clock.now
        let added: (files: Int, bytes: Int)
        do {
            added = try await BlockingIO.run { () throws(FleetStoreError) in try store.prepareSpareFiles(count: count, size: size) }
        } catch {
            throw FleetServerAppError.database(path: config.deployment.database, reason: error.description)
        }
        guard added.files > 0 else { return }
        let held = store.spareFiles
        logger.info("prepared spare object files for the first round's updates", metadata: [
            "added": "\(added.files)", "addedMiB": "\(added.bytes >> 20)", "spares": "\(held.files)",
            "seconds": "\(String(format: "%.2f", (clock.now - start) / .seconds(1)))",
        ])
    }

    /// The size of a spare file for updates of a model with `parameters` parameters: its float32 bytes,
    /// rounded up to whole 4 KiB pages so that an update a few header bytes longer still fits its blocks.
    static func spareFileSize(parameters: Int) -> Int {
        (parameters * MemoryLayout<Float>.size + 4_095) / 4_096 * 4_096
    }

    private func runFederation(_ plan: FleetRunPlan, service: FleetService) async throws -> FederationResult {
        let output = try FleetRunOutput(directory: config.deployment.results, config: config)
        logger.info("experiment", metadata: ["description": "\(plan.description)"])
        return try await FleetRunDriver.run(
            strategy: plan.strategy, federation: plan.federation, service: service,
            settings: runSettings, output: output, logger: logger)
    }

    private var runSettings: FleetRunSettings {
        let d = config.deployment
        return FleetRunSettings(runName: d.runName, arrayEncoding: d.encoding, instructionTTL: d.instructionTTL,
                                nodeGrace: .milliseconds(Int64(d.nodeGrace * 1_000)), uplink: config.uplink,
                                downlink: config.downlink)
    }

    private func makeHTTPServer() throws -> FleetHTTPServerConfiguration {
        let d = config.deployment
        var tls: FleetHTTPServerConfiguration.TLS?
        if let files = d.tls {
            tls = .init(certificateChainPEM: try Self.read(files.certificate, what: "TLS certificate"),
                        privateKeyPEM: try Self.read(files.privateKey, what: "TLS private key"),
                        clientCAPEM: try files.clientCA.map { try Self.read($0, what: "client CA") })
        }
        var authenticator: RequestAuthenticator?
        if let path = d.authorizedKeys {
            do {
                authenticator = RequestAuthenticator(authorizedKeys: try AuthorizedKeys(contentsOf: URL(fileURLWithPath: path)))
            } catch {
                throw FleetServerAppError.file(path: path, what: "authorized keys", reason: error.description)
            }
        }
        return FleetHTTPServerConfiguration(
            host: d.host, port: d.port, maxBodyBytes: d.maxBodyBytes, tls: tls, authenticator: authenticator,
            metricsEnabled: d.metrics, requestTimeout: .seconds(d.requestTimeout))
    }

    private static func read(_ path: String, what: String) throws -> String {
        do { return try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw FleetServerAppError.file(path: path, what: what, reason: error.localizedDescription)
        }
    }
}

/// Why a fleet server could not start.
public enum FleetServerAppError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A file the config names cannot be used.
    case file(path: String, what: String, reason: String)
    /// The database cannot be opened.
    case database(path: String, reason: String)

    /// A human-readable message naming the file.
    public var description: String {
        switch self {
        case let .file(path, what, reason): "\(what) \(path): \(reason)"
        case let .database(path, reason): "database \(path): \(reason)"
        }
    }
}
