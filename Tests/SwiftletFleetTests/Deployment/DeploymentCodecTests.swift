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
    /// Runs `harness` with three nodes whose traffic is counted: PushObject bodies up, PullObject answers
    /// down. Answers the result and the bytes each way.
    static func run(_ harness: DeploymentHarness) async throws -> (FederationResult, up: Int, down: Int) {
        let (server, port) = try await harness.startServer()
        let traffic = Shared((up: 0, down: 0))
        let nodes = try (0..<3).map { index in
            try harness.node(index, port: port, transport: { TrafficCounter($0, traffic: traffic) })
        }
        let result = try await DeploymentTests.withNodes(nodes) {
            try await DeploymentHarness.within(.seconds(240), "the run did not finish") { try await server.value }
        }
        return (try #require(result), traffic.value.up, traffic.value.down)
    }

    @Test func topKWithErrorFeedbackCompletesAndUploadsAFractionOfFloat32() async throws {
        let plain = try DeploymentHarness(rounds: 3)
        var compressed = try DeploymentHarness(rounds: 3)
        compressed.config.experiment.server.uplinkCodec = "topk:0.01+u8"
        compressed.config.experiment.server.errorFeedback = true
        let (plainResult, plainBytes, _) = try await Self.run(plain)
        let (result, bytes, _) = try await Self.run(compressed)

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

    @Test func aCompressedDownlinkCompletesAndDownloadsAFractionOfFloat32() async throws {
        let plain = try DeploymentHarness(rounds: 3)
        var compressed = try DeploymentHarness(rounds: 3)
        compressed.config.experiment.server.downlinkCodec = "topk:0.1+u8"
        compressed.config.experiment.server.uplinkCodec = "topk:0.01+u8"
        compressed.config.experiment.server.errorFeedback = true
        let (_, _, plainDown) = try await Self.run(plain)
        let (result, _, down) = try await Self.run(compressed)

        let rounds = result.history.records.filter { $0.round > 0 }
        #expect(rounds.map(\.round) == [1, 2, 3])
        #expect(rounds.allSatisfy { $0.status == .completed && $0.accepted.count == 3 })
        // Round 1 sends the whole model (4 bytes a value); rounds 2 and 3 a tenth of the values at about
        // 3 bytes each: (4 + 0.3 + 0.3) / 12 of float32's three whole models, under a half with the envelopes.
        #expect(down * 2 < plainDown, "downloaded \(down) bytes compressed, \(plainDown) as float32")
        #expect(rounds.allSatisfy { $0.centralEvaluation?.loss.isFinite == true })
    }
}

/// A transport that adds up a node's object traffic: PushObject request bodies (uploads) and PullObject
/// answers (downloads).
final class TrafficCounter: FleetTransport {
    let base: any FleetTransport
    let traffic: Shared<(up: Int, down: Int)>

    init(_ base: any FleetTransport, traffic: Shared<(up: Int, down: Int)>) {
        self.base = base
        self.traffic = traffic
    }

    func send(_ rpc: FleetRPC, body: [UInt8]) async throws(FleetFailure) -> [UInt8] {
        if rpc == .pushObject { traffic.update { $0.up += body.count } }
        let answer = try await base.send(rpc, body: body)
        if rpc == .pullObject { traffic.update { $0.down += answer.count } }
        return answer
    }
}
