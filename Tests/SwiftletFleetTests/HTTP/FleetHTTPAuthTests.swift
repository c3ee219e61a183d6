import Foundation
import SwiftletFleetHTTPServer
import SwiftletFleetNode
import SwiftletFleetProtocol
import Testing

/// Node authentication through the HTTP layer: headers travel, refusals keep the handler untouched.
@Suite struct FleetHTTPAuthTests {
    @Test func missingSignatureIs401AndNotHandled() async throws {
        let handler = EchoHandler()
        let configuration = FleetHTTPServerConfiguration(authenticator: FakeAuthenticator())
        let failure = await #expect(throws: FleetFailure.self) {
            try await withServer(configuration, handler: handler) { port in
                try await withTransport("http://127.0.0.1:\(port)") { try await $0.send(.getRun, body: [1]) }
            }
        }
        #expect(failure?.kind == .unauthenticated)
        #expect(handler.callCount == 0)
    }

    @Test func deniedKeyIs403AndNotHandled() async throws {
        let handler = EchoHandler()
        let configuration = FleetHTTPServerConfiguration(authenticator: FakeAuthenticator())
        let failure = await #expect(throws: FleetFailure.self) {
            try await withServer(configuration, handler: handler) { port in
                try await withTransport("http://127.0.0.1:\(port)", signer: FakeSigner(key: "denied")) { try await $0.send(.getRun, body: [1]) }
            }
        }
        #expect(failure == FleetFailure(.forbidden, "key denied is not on the allow-list"))
        #expect(handler.callCount == 0)
    }

    @Test func signerHeadersReachTheAuthenticatorAndTheCallerReachesTheHandler() async throws {
        let handler = EchoHandler()
        let authenticator = FakeAuthenticator()
        let configuration = FleetHTTPServerConfiguration(authenticator: authenticator)
        _ = try await withServer(configuration, handler: handler) { port in
            try await withTransport("http://127.0.0.1:\(port)", signer: FakeSigner(key: "allowed")) { try await $0.send(.getRun, body: [1]) }
        }
        let seen = authenticator.seen.withLock { $0 }
        #expect(seen == [FakeSigner(key: "allowed").headers(at: Date())])
        #expect(handler.calls.withLock { $0.map(\.2) } == [FleetCaller(publicKey: Array("allowed".utf8))])
    }
}
