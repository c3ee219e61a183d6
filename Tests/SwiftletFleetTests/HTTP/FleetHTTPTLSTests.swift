import Foundation
import SwiftletFleetHTTPServer
import SwiftletFleetNode
import SwiftletFleetProtocol
import Testing

/// HTTPS with the committed test CA (Fixtures/tls/make-certs.sh), with and without client certificates.
@Suite struct FleetHTTPTLSTests {
    func serverTLS(requireClientCertificates: Bool) throws -> FleetHTTPServerConfiguration {
        FleetHTTPServerConfiguration(tls: .init(
            certificateChainPEM: try fixture("server.pem"), privateKeyPEM: try fixture("server.key.pem"),
            clientCAPEM: requireClientCertificates ? try fixture("ca.pem") : nil
        ))
    }

    @Test func httpsCallWithTheTestCASucceeds() async throws {
        let answer = try await withServer(try serverTLS(requireClientCertificates: false)) { port in
            try await withTransport("https://localhost:\(port)", tls: .init(trustRootsPEM: try fixture("ca.pem"))) {
                try await $0.send(.getRun, body: [7, 8, 9])
            }
        }
        #expect(answer == [7, 8, 9])
    }

    @Test func httpsCallWithoutTheTestCAFails() async throws {
        let handler = EchoHandler()
        let failure = await #expect(throws: FleetFailure.self) {
            try await withServer(try serverTLS(requireClientCertificates: false), handler: handler) { port in
                try await withTransport("https://localhost:\(port)") { try await $0.send(.getRun, body: [1]) }
            }
        }
        #expect(failure?.kind == .unavailable)
        #expect(handler.callCount == 0)
    }

    @Test func requiredClientCertificateRefusesANodeWithoutOne() async throws {
        let handler = EchoHandler()
        let failure = await #expect(throws: FleetFailure.self) {
            try await withServer(try serverTLS(requireClientCertificates: true), handler: handler) { port in
                try await withTransport("https://localhost:\(port)", tls: .init(trustRootsPEM: try fixture("ca.pem"))) {
                    try await $0.send(.getRun, body: [1])
                }
            }
        }
        #expect(failure?.kind == .unavailable)
        #expect(handler.callCount == 0)
    }

    @Test func requiredClientCertificateAcceptsANodeWithOne() async throws {
        let answer = try await withServer(try serverTLS(requireClientCertificates: true)) { port in
            let tls = HTTPFleetTransport.TLS(
                trustRootsPEM: try fixture("ca.pem"), clientCertificatePEM: try fixture("client.pem"),
                clientPrivateKeyPEM: try fixture("client.key.pem")
            )
            return try await withTransport("https://localhost:\(port)", tls: tls) { try await $0.send(.getRun, body: [5]) }
        }
        #expect(answer == [5])
    }
}
