import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOSSL
import SwiftletFleetProtocol

/// A node's way to the server over HTTP(S): each Fleet API call is one `POST /v1/fleet/<rpc>`.
///
/// Owns one `HTTPClient` (connection pooling across calls); call ``shutdown()`` before dropping it. Non-200
/// answers become ``FleetFailure`` with the kind of their status and the server's text; refused, reset or
/// timed-out connections (and TLS handshakes that fail) become ``FleetFailure/Kind/unavailable``.
public final class HTTPFleetTransport: FleetTransport {
    /// TLS material for HTTPS.
    public struct TLS: Sendable {
        /// CAs to trust for the server's certificate (PEM); `nil` uses the system's trust store.
        public var trustRootsPEM: String?
        /// The node's client certificate chain (PEM), for servers that require one.
        public var clientCertificatePEM: String?
        /// The private key of the client certificate (PEM).
        public var clientPrivateKeyPEM: String?

        /// Creates TLS settings.
        public init(trustRootsPEM: String? = nil, clientCertificatePEM: String? = nil, clientPrivateKeyPEM: String? = nil) {
            self.trustRootsPEM = trustRootsPEM
            self.clientCertificatePEM = clientCertificatePEM
            self.clientPrivateKeyPEM = clientPrivateKeyPEM
        }
    }

    /// The server's base URL, such as `https://fleet.example:9093`.
    public let baseURL: String
    /// The longest one call may take, connection included.
    public let requestTimeout: Duration
    /// The largest response body accepted.
    public let maxResponseBytes: Int
    private let signer: (any RequestSigning)?
    private let client: HTTPClient
    private let ownsClient: Bool

    /// Creates a transport.
    /// - Throws: ``FleetFailure/Kind/badRequest`` for a URL that is not http(s) or unusable TLS material.
    public init(
        baseURL: String, tls: TLS? = nil, signer: (any RequestSigning)? = nil,
        requestTimeout: Duration = .seconds(30), maxResponseBytes: Int = 64 << 20
    ) throws(FleetFailure) {
        let trimmed = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        guard let url = URL(string: trimmed), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
              url.host != nil
        else { throw FleetFailure(.badRequest, "server URL \(baseURL) is not an http or https URL with a host") }
        var configuration = HTTPClient.Configuration()
        do {
            var tlsConfiguration = TLSConfiguration.makeClientConfiguration()
            if let roots = tls?.trustRootsPEM {
                tlsConfiguration.trustRoots = .certificates(try NIOSSLCertificate.fromPEMBytes(Array(roots.utf8)))
            }
            if let certificate = tls?.clientCertificatePEM {
                guard let key = tls?.clientPrivateKeyPEM else {
                    throw FleetFailure(.badRequest, "TLS: a client certificate needs its private key")
                }
                tlsConfiguration.certificateChain = try NIOSSLCertificate.fromPEMBytes(Array(certificate.utf8)).map { .certificate($0) }
                tlsConfiguration.privateKey = .privateKey(try NIOSSLPrivateKey(bytes: Array(key.utf8), format: .pem))
            }
            configuration.tlsConfiguration = tlsConfiguration
        } catch let failure as FleetFailure {
            throw failure
        } catch {
            throw FleetFailure(.badRequest, "TLS material for \(baseURL) is not valid PEM: \(error)")
        }
        configuration.timeout = .init(connect: .nanoseconds(Int64(Self.nanoseconds(requestTimeout))), read: .nanoseconds(Int64(Self.nanoseconds(requestTimeout))))
        self.baseURL = trimmed
        self.signer = signer
        self.requestTimeout = requestTimeout
        self.maxResponseBytes = maxResponseBytes
        self.client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        self.ownsClient = true
    }

    /// Creates a transport that sends through `client`, which the caller owns and shuts down.
    ///
    /// For many nodes in one process (the fleet benchmark, a gateway relaying for several devices): one
    /// client's connection pool serves them all instead of one pool per node.
    /// - Throws: ``FleetFailure/Kind/badRequest`` for a URL that is not http(s).
    public init(
        baseURL: String, client: HTTPClient, signer: (any RequestSigning)? = nil,
        requestTimeout: Duration = .seconds(30), maxResponseBytes: Int = 64 << 20
    ) throws(FleetFailure) {
        let trimmed = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        guard let url = URL(string: trimmed), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
              url.host != nil
        else { throw FleetFailure(.badRequest, "server URL \(baseURL) is not an http or https URL with a host") }
        self.baseURL = trimmed
        self.signer = signer
        self.requestTimeout = requestTimeout
        self.maxResponseBytes = maxResponseBytes
        self.client = client
        self.ownsClient = false
    }

    /// Sends `body` as `rpc` and returns the response body.
    public func send(_ rpc: FleetRPC, body: [UInt8]) async throws(FleetFailure) -> [UInt8] {
        // The client copies the bytes into a buffer only when it writes them, so a request queued for one of
        // the pool's connections does not hold a second copy of its body meanwhile.
        try await send(rpc, .bytes(body))
    }

    /// Sends the body made of `parts` as `rpc` and returns the response body; the parts are copied into the
    /// connection a chunk at a time (``ByteChunks``), so a pushed update is never joined into one more array.
    public func send(_ rpc: FleetRPC, parts: [[UInt8]]) async throws(FleetFailure) -> [UInt8] {
        let length = parts.reduce(0) { $0 + $1.count }
        return try await send(rpc, .stream(ByteChunks(parts), length: .known(Int64(length))))
    }

    /// Sends `body` as `rpc` and receives the response chunk by chunk into an ``ObjectMessageBody``, so a
    /// pulled model goes from the connection's buffers straight into the array its object keeps.
    public func send(_ rpc: FleetRPC, body: [UInt8], receiving shape: ObjectMessageBody.Shape) async throws(FleetFailure) -> ObjectMessageBody {
        try await send(rpc, .bytes(body)) { body, declared, limit in
            try await Self.readObjects(body, shape: shape, declaredLength: declared, limit: limit)
        }
    }

    private func send(_ rpc: FleetRPC, _ body: HTTPClientRequest.Body) async throws(FleetFailure) -> [UInt8] {
        try await send(rpc, body) { body, declared, limit in try await Self.readBody(body, declaredLength: declared, limit: limit) }
    }

    /// Sends `body` as `rpc`; reads a successful response with `read`, given the body, its declared length
    /// and the limit, and a failed one as the text saying why.
    private func send<Answer>(
        _ rpc: FleetRPC, _ body: HTTPClientRequest.Body,
        read: (HTTPClientResponse.Body, Int?, Int) async throws -> Answer
    ) async throws(FleetFailure) -> Answer {
        var request = HTTPClientRequest(url: baseURL + rpc.path)
        request.method = .POST
        request.headers.add(name: "content-type", value: FleetRPC.contentType)
        request.headers.add(name: "accept", value: FleetRPC.contentType)
        if let signer {
            let headers = signer.headers(at: Date())
            request.headers.add(name: FleetAuthHeaders.publicKeyName, value: headers.publicKey)
            request.headers.add(name: FleetAuthHeaders.timestampName, value: headers.timestamp)
            request.headers.add(name: FleetAuthHeaders.signatureName, value: headers.signature)
        }
        request.body = body
        let status: Int
        var answer: Answer?
        var failure: [UInt8] = []
        do {
            let response = try await client.execute(request, timeout: .nanoseconds(Int64(Self.nanoseconds(requestTimeout))))
            status = Int(response.status.code)
            let declared = response.headers.first(name: "content-length").flatMap(Int.init)
            if status == 200 {
                answer = try await read(response.body, declared, maxResponseBytes)
            } else {
                failure = try await Self.readBody(response.body, declaredLength: declared, limit: maxResponseBytes)
            }
        } catch is NIOTooManyBytesError {
            throw FleetFailure(.badRequest, "\(rpc.rawValue): the server's response is larger than \(maxResponseBytes) bytes")
        } catch {
            throw FleetFailure(.unavailable, "\(rpc.rawValue): \(baseURL) could not be reached: \(error)")
        }
        guard status == 200, let answer else {
            throw FleetFailure(FleetFailure.Kind(httpStatus: status), String(decoding: failure, as: UTF8.self))
        }
        return answer
    }

    /// The response body in one array sized from its declared length (a model is copied once, not into a
    /// growing buffer and then an array); throws `NIOTooManyBytesError` past `limit` bytes.
    static func readBody(_ body: HTTPClientResponse.Body, declaredLength: Int?, limit: Int) async throws -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(max(0, min(declaredLength ?? 0, limit)))
        for try await chunk in body {
            guard chunk.readableBytes <= limit - bytes.count else { throw NIOTooManyBytesError(maxBytes: limit) }
            bytes.append(contentsOf: chunk.readableBytesView)
        }
        return bytes
    }

    /// The response body received into an ``ObjectMessageBody`` of `shape`, each large content read straight
    /// into its own array; throws `NIOTooManyBytesError` past `limit` bytes.
    static func readObjects(_ body: HTTPClientResponse.Body, shape: ObjectMessageBody.Shape, declaredLength: Int?,
                            limit: Int) async throws -> ObjectMessageBody {
        var received = ObjectMessageBody(shape, expectedLength: declaredLength.map { min($0, limit) })
        for try await chunk in body {
            guard chunk.readableBytes <= limit - received.count else { throw NIOTooManyBytesError(maxBytes: limit) }
            chunk.withUnsafeReadableBytes { received.append($0) }
        }
        return received
    }

    /// Closes the client's connections (when this transport created the client); it cannot send afterwards.
    public func shutdown() async {
        guard ownsClient else { return }
        try? await client.shutdown()
    }

    private static func nanoseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }
}
