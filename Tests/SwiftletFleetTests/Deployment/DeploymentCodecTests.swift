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
    /// Runs `harness` with three nodes whose traffic is counted: PushObject(s) bodies up, PullObject(s)
    /// answers down, and the uploaded arrays alone. Answers the result and those byte counts.
    static func run(_ harness: DeploymentHarness) async throws -> (FederationResult, up: Int, down: Int, upArrays: Int) {
        let (server, port) = try await harness.startServer()
        let traffic = Shared(Traffic())
        let nodes = try (0..<3).map { index in
            try harness.node(index, port: port, transport: { TrafficCounter($0, traffic: traffic) })
        }
        let result = try await DeploymentTests.withNodes(nodes) {
            try await DeploymentHarness.within(.seconds(240), "the run did not finish") { try await server.value }
        }
        let counted = traffic.value
        return (try #require(result), counted.up, counted.down, counted.upArrays)
    }

    @Test func topKWithErrorFeedbackCompletesAndUploadsAFractionOfFloat32() async throws {
        let plain = try DeploymentHarness(rounds: 3)
        var compressed = try DeploymentHarness(rounds: 3)
        compressed.config.experiment.server.uplinkCodec = "topk:0.01+u8"
        compressed.config.experiment.server.errorFeedback = true
        let (plainResult, plainBytes, _, plainArrays) = try await Self.run(plain)
        let (result, bytes, _, arrays) = try await Self.run(compressed)

        let rounds = result.history.records.filter { $0.round > 0 }
        #expect(rounds.map(\.round) == [1, 2, 3])
        #expect(rounds.allSatisfy { $0.status == .completed && $0.accepted.count == 3 })
        #expect(plainResult.history.records.filter { $0.round > 0 }.allSatisfy { $0.accepted.count == 3 })
        // The model part: 1% of the values at about 2 bytes each (a Golomb-Rice coded index gap and an 8-bit
        // code) against 4 bytes for every value; with each array's codec header, block scales and JSON
        // description it measured 68x smaller. These bytes are seeded, so they are the same in every run.
        #expect(arrays * 50 < plainArrays, "uploaded arrays of \(arrays) bytes compressed, \(plainArrays) as float32")
        // The whole upload also carries each reply's message, record and metric objects, which no codec
        // touches and whose size varies with the metrics' values. At this small model (about 5,000 values)
        // they outweigh the compressed arrays several times over: the whole upload measured 20.5-21.0 kB
        // against 207 kB, so it is held to a fifth, where a tenth was too close to call.
        #expect(bytes * 5 < plainBytes, "uploaded \(bytes) bytes compressed, \(plainBytes) as float32")
        // Every round's central evaluation ran on a sound model.
        #expect(rounds.allSatisfy { $0.centralEvaluation?.loss.isFinite == true })
    }

    @Test func aCompressedDownlinkCompletesAndDownloadsAFractionOfFloat32() async throws {
        let plain = try DeploymentHarness(rounds: 3)
        var compressed = try DeploymentHarness(rounds: 3)
        compressed.config.experiment.server.downlinkCodec = "topk:0.1+u8"
        compressed.config.experiment.server.uplinkCodec = "topk:0.01+u8"
        compressed.config.experiment.server.errorFeedback = true
        let (_, _, plainDown, _) = try await Self.run(plain)
        let (result, _, down, _) = try await Self.run(compressed)

        let rounds = result.history.records.filter { $0.round > 0 }
        #expect(rounds.map(\.round) == [1, 2, 3])
        #expect(rounds.allSatisfy { $0.status == .completed && $0.accepted.count == 3 })
        // Round 1 sends the whole model (4 bytes a value); rounds 2 and 3 a tenth of the values at about
        // 3 bytes each: (4 + 0.3 + 0.3) / 12 of float32's three whole models, under a half with the envelopes.
        #expect(down * 2 < plainDown, "downloaded \(down) bytes compressed, \(plainDown) as float32")
        #expect(rounds.allSatisfy { $0.centralEvaluation?.loss.isFinite == true })
    }
}

/// Bytes a node's object traffic moved, one object per request or in batches.
struct Traffic {
    /// PushObject and PushObjects request bodies.
    var up = 0
    /// PullObject and PullObjects answers.
    var down = 0
    /// The contents of pushed `Array` and `ArrayChunk` objects: the model part of the uploads.
    var upArrays = 0
}

/// A transport that adds up a node's object traffic: PushObject(s) request bodies (uploads), the arrays among
/// them, and PullObject(s) answers (downloads).
final class TrafficCounter: FleetTransport {
    let base: any FleetTransport
    let traffic: Shared<Traffic>

    init(_ base: any FleetTransport, traffic: Shared<Traffic>) {
        self.base = base
        self.traffic = traffic
    }

    func send(_ rpc: FleetRPC, body: [UInt8]) async throws(FleetFailure) -> [UInt8] {
        let pushed: [Data]
        switch rpc {
        case .pushObject: pushed = [(try? Flwr_Proto_PushObjectRequest(serializedBytes: body))?.objectContent ?? Data()]
        case .pushObjects: pushed = (try? Swiftlet_Fleet_PushObjectsRequest(serializedBytes: body))?.requests.map(\.objectContent) ?? []
        default: pushed = []
        }
        if rpc == .pushObject || rpc == .pushObjects {
            let arrays = pushed.filter { $0.starts(with: Array("Array ".utf8)) || $0.starts(with: Array("ArrayChunk ".utf8)) }
            traffic.update {
                $0.up += body.count
                $0.upArrays += arrays.reduce(0) { $0 + $1.count }
            }
        }
        let answer = try await base.send(rpc, body: body)
        if rpc == .pullObject || rpc == .pullObjects { traffic.update { $0.down += answer.count } }
        return answer
    }
}
