import Foundation
import SwiftletFleetHTTPServer
import SwiftletFleetProtocol
import SwiftletFleetServer
import Testing

/// Bad requests against the real server stack (HTTP front end, authenticator, service, SQLite store): each gets
/// its status and leaves the stored state exactly as it was.
@Suite struct BadRequestTests {
    struct Stack {
        let store: SQLiteFleetStore
        let service: FleetService
        let key: NodeKey
        let other: NodeKey
        let configuration: FleetHTTPServerConfiguration
    }

    static func stack(maxBodyBytes: Int = 1 << 20) throws -> Stack {
        let store = try SQLiteFleetStore()
        let key = NodeKey.generate(.p256), other = NodeKey.generate(.p384)
        let authenticator = RequestAuthenticator(authorizedKeys: AuthorizedKeys([key.publicKey, other.publicKey]))
        return Stack(store: store, service: FleetService(store: store), key: key, other: other,
                     configuration: FleetHTTPServerConfiguration(maxBodyBytes: maxBodyBytes, authenticator: authenticator))
    }

    static func registerBody(_ key: NodeKey) throws -> [UInt8] {
        var request = Flwr_Proto_RegisterNodeFleetRequest()
        request.publicKey = Data(key.publicKey.flowerBytes)
        return try request.serializedBytes()
    }

    static func headers(_ auth: FleetAuthHeaders) -> [String: String] {
        [FleetAuthHeaders.publicKeyName: auth.publicKey, FleetAuthHeaders.timestampName: auth.timestamp,
         FleetAuthHeaders.signatureName: auth.signature, "content-type": FleetRPC.contentType]
    }

    /// Registers `stack.key` properly so the store is not empty, then returns its counts.
    static func seeded(_ stack: Stack, port: Int) async throws -> FleetStoreCounts {
        let ok = try await rawRequest(port: port, method: "POST", path: FleetRPC.registerNode.path,
                                      headers: headers(RequestSigner(key: stack.key).headers(at: Date())),
                                      body: try registerBody(stack.key))
        #expect(ok.status == 200)
        return try stack.store.counts()
    }

    @Test func malformedProtobufIs400AndChangesNothing() async throws {
        let s = try Self.stack()
        try await withServer(s.configuration, handler: s.service) { port in
            let before = try await Self.seeded(s, port: port)
            let answer = try await rawRequest(port: port, method: "POST", path: FleetRPC.registerNode.path,
                                              headers: Self.headers(RequestSigner(key: s.other).headers(at: Date())),
                                              body: [0x0A, 0xFF, 0xFF, 0xFF, 0x0F])
            #expect(answer.status == 400)
            #expect(try s.store.counts() == before)
        }
    }

    @Test func oversizedBodyIs413AndChangesNothing() async throws {
        let s = try Self.stack(maxBodyBytes: 4_096)
        try await withServer(s.configuration, handler: s.service) { port in
            let before = try await Self.seeded(s, port: port)
            var request = Flwr_Proto_RegisterNodeFleetRequest()
            request.publicKey = Data(repeating: 0x41, count: 8_000)
            let answer = try await rawRequest(port: port, method: "POST", path: FleetRPC.registerNode.path,
                                              headers: Self.headers(RequestSigner(key: s.other).headers(at: Date())),
                                              body: try request.serializedBytes())
            #expect(answer.status == 413)
            #expect(try s.store.counts() == before)
        }
    }

    @Test func unsignedRequestIs401AndChangesNothing() async throws {
        let s = try Self.stack()
        try await withServer(s.configuration, handler: s.service) { port in
            let before = try await Self.seeded(s, port: port)
            let answer = try await rawRequest(port: port, method: "POST", path: FleetRPC.registerNode.path,
                                              headers: ["content-type": FleetRPC.contentType], body: try Self.registerBody(s.other))
            #expect(answer.status == 401)
            #expect(try s.store.counts() == before)
        }
    }

    @Test func wronglySignedRequestIs401AndChangesNothing() async throws {
        let s = try Self.stack()
        try await withServer(s.configuration, handler: s.service) { port in
            let before = try await Self.seeded(s, port: port)
            var auth = RequestSigner(key: s.other).headers(at: Date())
            // A signature by the allowed key `other`, presented with key `key`'s public key: it does not verify.
            auth.publicKey = RequestSigner(key: s.key).encodedPublicKey
            let answer = try await rawRequest(port: port, method: "POST", path: FleetRPC.registerNode.path,
                                              headers: Self.headers(auth), body: try Self.registerBody(s.key))
            #expect(answer.status == 401)
            #expect(try s.store.counts() == before)
        }
    }

    @Test func keyOffTheAllowListIs403AndChangesNothing() async throws {
        let s = try Self.stack()
        try await withServer(s.configuration, handler: s.service) { port in
            let before = try await Self.seeded(s, port: port)
            let stranger = NodeKey.generate(.p256)
            let answer = try await rawRequest(port: port, method: "POST", path: FleetRPC.registerNode.path,
                                              headers: Self.headers(RequestSigner(key: stranger).headers(at: Date())),
                                              body: try Self.registerBody(stranger))
            #expect(answer.status == 403)
            #expect(try s.store.counts() == before)
        }
    }

    @Test func replayedRequestIs401AndChangesNothing() async throws {
        let s = try Self.stack()
        try await withServer(s.configuration, handler: s.service) { port in
            _ = try await Self.seeded(s, port: port)
            let captured = Self.headers(RequestSigner(key: s.other).headers(at: Date()))
            let body = try Self.registerBody(s.other)
            let first = try await rawRequest(port: port, method: "POST", path: FleetRPC.registerNode.path, headers: captured, body: body)
            #expect(first.status == 200)
            let after = try s.store.counts()
            let replay = try await rawRequest(port: port, method: "POST", path: FleetRPC.registerNode.path, headers: captured, body: body)
            #expect(replay.status == 401)
            #expect(try s.store.counts() == after)
        }
    }

    @Test func staleTimestampIs401AndChangesNothing() async throws {
        let s = try Self.stack()
        try await withServer(s.configuration, handler: s.service) { port in
            let before = try await Self.seeded(s, port: port)
            let old = Self.headers(RequestSigner(key: s.other).headers(at: Date().addingTimeInterval(-600)))
            let answer = try await rawRequest(port: port, method: "POST", path: FleetRPC.registerNode.path,
                                              headers: old, body: try Self.registerBody(s.other))
            #expect(answer.status == 401)
            #expect(try s.store.counts() == before)
        }
    }
}
