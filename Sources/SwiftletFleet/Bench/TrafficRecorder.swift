import Synchronization
import SwiftletFleetNode
import SwiftletFleetProtocol

/// The object bytes the benchmark's nodes move: PushObject(s) request bodies up (updates), PullObject(s)
/// answers down (instructions' models) — the part of the traffic codecs shrink; polls and heartbeats are not
/// counted.
final class TrafficRecorder: Sendable {
    private let counts = Mutex((up: 0, down: 0))

    /// Bytes up and down so far.
    var totals: (up: Int, down: Int) { counts.withLock { $0 } }

    func add(up: Int = 0, down: Int = 0) {
        counts.withLock {
            $0.up += up
            $0.down += down
        }
    }
}

/// A transport that adds its object traffic to a ``TrafficRecorder``.
struct CountingTransport: FleetTransport {
    let base: any FleetTransport
    let recorder: TrafficRecorder

    func send(_ rpc: FleetRPC, body: [UInt8]) async throws(FleetFailure) -> [UInt8] {
        if rpc == .pushObject || rpc == .pushObjects { recorder.add(up: body.count) }
        let answer = try await base.send(rpc, body: body)
        if rpc == .pullObject || rpc == .pullObjects { recorder.add(down: answer.count) }
        return answer
    }

    func send(_ rpc: FleetRPC, parts: [[UInt8]]) async throws(FleetFailure) -> [UInt8] {
        if rpc == .pushObject || rpc == .pushObjects { recorder.add(up: parts.reduce(0) { $0 + $1.count }) }
        let answer = try await base.send(rpc, parts: parts)
        if rpc == .pullObject || rpc == .pullObjects { recorder.add(down: answer.count) }
        return answer
    }

    func send(_ rpc: FleetRPC, body: [UInt8], receiving shape: ObjectMessageBody.Shape) async throws(FleetFailure) -> ObjectMessageBody {
        if rpc == .pushObject || rpc == .pushObjects { recorder.add(up: body.count) }
        let answer = try await base.send(rpc, body: body, receiving: shape)
        if rpc == .pullObject || rpc == .pullObjects { recorder.add(down: answer.count) }
        return answer
    }
}
