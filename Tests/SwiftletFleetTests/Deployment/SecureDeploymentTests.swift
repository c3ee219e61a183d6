import Foundation
import SwiftletFederated
import SwiftletFleet
import SwiftletFleetNode
import SwiftletFleetProtocol
import Testing

/// A whole run over mutual TLS with signed requests from an allow-list, configured as `swiftlet-fleet server`
/// reads it: PEM files and an authorized-keys file named in `[deployment]`.
@Suite(.serialized) struct SecureDeploymentTests {
    static func secureHarness(allowed: [NodeKey]) throws -> DeploymentHarness {
        var harness = try DeploymentHarness(rounds: 2, nodes: 2)
        let folder = harness.directory
        func write(_ text: String, _ name: String) throws -> String {
            let url = folder.appendingPathComponent(name)
            try text.write(to: url, atomically: true, encoding: .utf8)
            return url.path
        }
        harness.config.deployment.tls = .init(
            certificate: try write(try fixture("server.pem"), "server.pem"),
            privateKey: try write(try fixture("server.key.pem"), "server.key.pem"),
            clientCA: try write(try fixture("ca.pem"), "ca.pem"))
        harness.config.deployment.authorizedKeys = try write(AuthorizedKeys(allowed.map(\.publicKey)).fileText, "authorized_keys")
        return harness
    }

    static func clientTLS() throws -> HTTPFleetTransport.TLS {
        .init(trustRootsPEM: try fixture("ca.pem"), clientCertificatePEM: try fixture("client.pem"),
              clientPrivateKeyPEM: try fixture("client.key.pem"))
    }

    @Test func allowedNodesRunTheWholeFederationOverMutualTLS() async throws {
        let keys = [NodeKey.generate(.p256), NodeKey.generate(.p384)]
        let harness = try Self.secureHarness(allowed: keys)
        let (server, port) = try await harness.startServer()
        let nodes = try (0..<2).map { try harness.node($0, port: port, secure: (try Self.clientTLS(), keys[$0])) }
        let tasks = nodes.map { node, _ in Task { try await node.run() } }
        let result = try await DeploymentHarness.within(.seconds(240), "the run did not finish") { try await server.value }
        for task in tasks { try await task.value }
        for (_, transport) in nodes { await transport.shutdown() }
        let rounds = try #require(result).history.records.filter { $0.round > 0 }
        #expect(rounds.map(\.round) == [1, 2])
        #expect(rounds.allSatisfy { $0.status == .completed && $0.accepted.count == 2 })
    }

    @Test func aNodeWhoseKeyIsNotAllowedCannotJoin() async throws {
        let harness = try Self.secureHarness(allowed: [NodeKey.generate(.p256)])
        let (server, port) = try await harness.startServer()
        let (node, transport) = try harness.node(0, port: port, secure: (try Self.clientTLS(), NodeKey.generate(.p256)))
        let failure = await #expect(throws: FleetNodeError.self) { try await node.run() }
        await transport.shutdown()
        server.cancel()
        _ = await server.result
        guard case .joinRefused(let refusal)? = failure else {
            Issue.record("expected the join to be refused, got \(String(describing: failure))")
            return
        }
        #expect(refusal.kind == .forbidden)
    }
}
