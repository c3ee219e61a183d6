import Hummingbird
import HummingbirdCore
import HTTPTypes
import HummingbirdTLS
import Logging
import NIOCore
import NIOSSL
import ServiceLifecycle
import SwiftletFleetProtocol
import SwiftletFleetServer

/// The fleet server's HTTP(S) front end: serves the Fleet API from a ``FleetRequestHandler``, plus
/// `GET /metrics` (Prometheus text) and `GET /health`.
///
/// `POST /v1/fleet/<rpc>` with `content-type: application/protobuf` (else 415), a body up to the configured
/// limit (else 413), signature headers checked by the authenticator when one is set (401/403), then the
/// handler's answer as 200 with a protobuf body, or the failure's status with a plain-text body. Unknown paths
/// get 404 and known paths with the wrong method 405.
public struct FleetHTTPServer: Sendable {
    /// Where and how the server listens.
    public let configuration: FleetHTTPServerConfiguration
    /// The request metrics (their registry is what `GET /metrics` shows).
    public let metrics: FleetHTTPMetrics
    private let handler: any FleetRequestHandler
    private let logger: Logger
    private let address = BoundAddress()

    /// Creates a server that serves `handler`.
    /// - Parameters:
    ///   - metrics: the metrics to record into; inject one whose registry the caller also uses elsewhere.
    ///   - logger: the logger for structured request logs (request id, rpc, status, duration).
    public init(
        configuration: FleetHTTPServerConfiguration, handler: any FleetRequestHandler,
        metrics: FleetHTTPMetrics = FleetHTTPMetrics(), logger: Logger = Logger(label: "swiftlet.fleet.http")
    ) {
        self.configuration = configuration
        self.handler = handler
        self.metrics = metrics
        self.logger = logger
    }

    /// The port the server listens on, once it does (useful after binding port 0).
    /// - Throws: ``FleetFailure/Kind/unavailable`` when the server stopped (or failed to start) before binding.
    public func boundPort() async throws(FleetFailure) -> Int {
        try await address.port()
    }

    /// Serves until the calling task is cancelled, then shuts down gracefully: stops accepting connections and
    /// finishes the requests in flight.
    /// - Throws: ``FleetFailure/Kind/badRequest`` for unusable TLS material; the server's error when it cannot
    ///   bind or fails.
    public func run() async throws {
        let server: HTTPServerBuilder
        do {
            server = try configuration.tls.map { try .tls(.http1(), tlsConfiguration: Self.tlsConfiguration($0)) } ?? .http1()
        } catch {
            await address.fail(FleetFailure(.badRequest, "TLS configuration: \(error)"))
            throw error
        }
        let responder = FleetHTTPResponder(
            handler: handler, configuration: configuration, metrics: configuration.metricsEnabled ? metrics : nil, logger: logger
        )
        let address = self.address
        let logger = self.logger
        let app = Application(
            responder: responder, server: server,
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "swiftlet-fleet"),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? 0
                logger.info("fleet server listening", metadata: ["port": "\(port)"])
                await address.bind(port)
            },
            logger: logger
        )
        let group = ServiceGroup(configuration: .init(services: [app], logger: logger))
        // The group runs in its own task so that cancelling the caller becomes a graceful shutdown rather than
        // an immediate cancellation of the in-flight requests.
        let serving = Task { try await group.run() }
        defer { Task { await address.fail(FleetFailure(.unavailable, "the fleet server stopped")) } }
        try await withTaskCancellationHandler {
            try await serving.value
        } onCancel: {
            Task { await group.triggerGracefulShutdown() }
        }
    }

    /// NIO's TLS configuration from PEM material; a client CA makes client certificates required.
    static func tlsConfiguration(_ tls: FleetHTTPServerConfiguration.TLS) throws -> TLSConfiguration {
        let chain = try NIOSSLCertificate.fromPEMBytes(Array(tls.certificateChainPEM.utf8)).map { NIOSSLCertificateSource.certificate($0) }
        let key = try NIOSSLPrivateKey(bytes: Array(tls.privateKeyPEM.utf8), format: .pem)
        var configuration = TLSConfiguration.makeServerConfiguration(certificateChain: chain, privateKey: .privateKey(key))
        if let clientCA = tls.clientCAPEM {
            configuration.trustRoots = .certificates(try NIOSSLCertificate.fromPEMBytes(Array(clientCA.utf8)))
            configuration.certificateVerification = .noHostnameVerification
        }
        return configuration
    }
}
