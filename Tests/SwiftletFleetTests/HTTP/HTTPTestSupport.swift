import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Prometheus
import SwiftletFleetHTTPServer
import SwiftletFleetNode
import SwiftletFleetProtocol
import SwiftletFleetServer
import Synchronization
import Testing

/// A handler that answers each body unchanged (or a scripted failure) and records its calls.
final class EchoHandler: FleetRequestHandler {
    let calls = Mutex<[(FleetRPC, [UInt8], FleetCaller)]>([])
    let failure: FleetFailure?

    init(failure: FleetFailure? = nil) { self.failure = failure }

    func handle(_ rpc: FleetRPC, body: [UInt8], caller: FleetCaller) async throws(FleetFailure) -> [UInt8] {
        calls.withLock { $0.append((rpc, body, caller)) }
        if let failure { throw failure }
        return body
    }

    var callCount: Int { calls.withLock { $0.count } }
}

/// An authenticator that accepts one public key, refuses another with 403, and records the headers it saw.
final class FakeAuthenticator: RequestAuthenticating {
    let seen = Mutex<[FleetAuthHeaders?]>([])

    func authenticate(_ headers: FleetAuthHeaders?, at date: Date) async throws(FleetFailure) -> FleetCaller {
        seen.withLock { $0.append(headers) }
        guard let headers else { throw FleetFailure(.unauthenticated, "no signature headers") }
        switch headers.publicKey {
        case "allowed": return FleetCaller(publicKey: Array("allowed".utf8))
        case "denied": throw FleetFailure(.forbidden, "key denied is not on the allow-list")
        default: throw FleetFailure(.unauthenticated, "signature does not verify")
        }
    }
}

/// A signer that sends fixed headers.
struct FakeSigner: RequestSigning {
    let key: String
    func headers(at date: Date) -> FleetAuthHeaders {
        FleetAuthHeaders(publicKey: key, timestamp: "2026-11-23T12:00:00Z", signature: "c2lnbmF0dXJl")
    }
}

/// The PEM fixture `name` from Fixtures/tls.
func fixture(_ name: String) throws -> String {
    let url = try #require(Bundle.module.url(forResource: "Fixtures/tls/\(name)", withExtension: nil))
    return try String(contentsOf: url, encoding: .utf8)
}

/// Runs `body` against a server started on a free loopback port, then cancels the server.
func withServer<T>(
    _ configuration: FleetHTTPServerConfiguration = FleetHTTPServerConfiguration(),
    handler: any FleetRequestHandler = EchoHandler(),
    metrics: FleetHTTPMetrics = FleetHTTPMetrics(),
    _ body: (Int) async throws -> T
) async throws -> T {
    let server = FleetHTTPServer(configuration: configuration, handler: handler, metrics: metrics)
    let running = Task { try await server.run() }
    defer { running.cancel() }
    let port = try await withThrowingTaskGroup(of: Int?.self) { group in
        group.addTask { try await server.boundPort() }
        group.addTask { try await Task.sleep(for: .seconds(30)); return nil }
        let first = try await group.next()!
        group.cancelAll()
        return try #require(first, "the server did not bind within 30 s")
    }
    let result = try await body(port)
    running.cancel()
    _ = await running.result
    return result
}

/// A transport to `port`, shut down after `body`.
func withTransport<T>(
    _ url: String, tls: HTTPFleetTransport.TLS? = nil, signer: (any RequestSigning)? = nil,
    _ body: (HTTPFleetTransport) async throws -> T
) async throws -> T {
    let transport = try HTTPFleetTransport(baseURL: url, tls: tls, signer: signer, requestTimeout: .seconds(10))
    do {
        let result = try await body(transport)
        await transport.shutdown()
        return result
    } catch {
        await transport.shutdown()
        throw error
    }
}

/// A raw HTTP request through URLSession (FoundationNetworking on Linux): the status and body of `method path` with `headers`.
func rawRequest(
    port: Int, method: String, path: String, headers: [String: String] = [:], body: [UInt8] = []
) async throws -> (status: Int, body: String) {
    var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)\(path)")!)
    request.httpMethod = method
    for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
    if !body.isEmpty { request.httpBody = Data(body) }
    request.timeoutInterval = 10
    let (data, response) = try await URLSession.shared.data(for: request)
    return ((response as! HTTPURLResponse).statusCode, String(decoding: data, as: UTF8.self))
}
