import Foundation
import Synchronization
import SwiftletFederated
import SwiftletFleet
import SwiftletFleetNode
import SwiftletFleetProtocol
import Testing

/// A real server and real nodes over loopback with compressed updates: whole runs complete, and the bytes
/// the nodes upload shrink by what the codec promises.
@Suite(.serialized) struct DeploymentCodecTests {
    /// Runs `harness` with three nodes whose uploads (PushObject bodies) are counted; answers the result and
    /// the bytes uploaded.
    static func run(_ harness: DeploymentHarness) async throws -> (FederationResult, Int) {
        let (server, port) = try await harness.startServer()
        let uploaded = Shared(0)
        let nodes = try (0..<3).map { index in
            try harness.node(index, port: port, transport: { UploadCounter($0, total: uploaded) })
        }
        let result = try await DeploymentTests.withNodes(nodes) {
            try await DeploymentHarness.within(.seconds(240), "the run did not finish") { try await server.value }
        }
        return (try #require(result), uploaded.value)
    }

    @Test func topKWithErrorFeedbackCompletesAndUploadsAFractionOfFloat32() async throws {
        let plain = try DeploymentHarness(rounds: 3)
        var compressed = try DeploymentHarness(rounds: 3)
        compressed.config.experiment.server.uplinkCodec = "topk:0.01+u8"
        compressed.config.experiment.server.errorFeedback = true
        let (plainResult, plainBytes) = try await Self.run(plain)
        let (result, bytes) = try await Self.run(compressed)

        let rounds = result.history.records.filter { $0.round > 0 }
        #expect(rounds.map(\.round) == [1, 2, 3])
        #expect(rounds.allSatisfy { $0.status == .completed && $0.accepted.count == 3 })
        #expect(plainResult.history.records.filter { $0.round > 0 }.allSatisfy { $0.accepted.count == 3 })
        // 1% of the values at about 3 bytes each (an index and a code) against 4 bytes for every value: the
        // model part shrinks a hundredfold; the metrics and message envelopes each reply also carries keep
        // the whole upload above that, but far below a tenth.
        #expect(bytes * 10 < plainBytes, "uploaded \(bytes) bytes compressed, \(plainBytes) as float32")
        // Every round's central evaluation ran on a sound model.
        #expect(rounds.allSatisfy { $0.centralEvaluation?.loss.isFinite == true })
    }
}

/// A transport that adds up the bodies of the PushObject requests through it: the node's uploads.
final class UploadCounter: FleetTransport {
    let base: any FleetTransport
    let total: Shared<Int>

    init(_ base: any FleetTransport, total: Shared<Int>) {
        self.base = base
        self.total = total
    }

    func send(_ rpc: FleetRPC, body: [UInt8]) async throws(FleetFailure) -> [UInt8] {
        if rpc == .pushObject { total.update { $0 += body.count } }
        return try await base.send(rpc, body: body)
    }
}
