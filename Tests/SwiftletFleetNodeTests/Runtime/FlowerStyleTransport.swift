import Foundation
import Synchronization
import SwiftletFleetProtocol

/// Answers the calls where flwr 1.40's SuperLink differs from Swiftlet's server as Flower does, with its
/// status codes and JSON error bodies, and passes every other call to a loopback transport.
///
/// - RegisterNode: 412 `{"code": 2001}` (node authentication on: nodes are registered through the CLI), without
///   reaching the loopback (the fixture registered the node's key ahead).
/// - GetRun for a run in ``unknownRuns``: 403 `{"code": 2008}`; for a run passed to ``finishRun(_:)``:
///   403 `{"code": 2007}` (Flower refuses GetRun for a finished run instead of reporting it).
/// - PullMessages: the messages queued with ``deliver(_:tree:)`` first.
final class FlowerStyleTransport: FleetTransport {
    private struct State {
        var finished: Set<UInt64> = []
        var queued: [(Flwr_Proto_Message, Flwr_Proto_ObjectTree)] = []
        var getRuns: [UInt64] = []
    }

    let inner: LoopbackTransport
    let unknownRuns: Set<UInt64>
    private let state = Mutex(State())

    init(_ inner: LoopbackTransport, unknownRuns: Set<UInt64> = []) {
        self.inner = inner
        self.unknownRuns = unknownRuns
    }

    /// From now on GetRun answers that `run`'s status does not allow Fleet calls.
    func finishRun(_ run: UInt64) { state.withLock { _ = $0.finished.insert(run) } }

    /// The run of every GetRun the node sent, in order.
    var getRunRequests: [UInt64] { state.withLock { $0.getRuns } }

    /// Hands `message` to the node at its next PullMessages, before anything the server holds.
    func deliver(_ message: Flwr_Proto_Message, tree: Flwr_Proto_ObjectTree) {
        state.withLock { $0.queued.append((message, tree)) }
    }

    func send(_ rpc: FleetRPC, body: [UInt8]) async throws(FleetFailure) -> [UInt8] {
        switch rpc {
        case .registerNode:
            throw FleetFailure(.preconditionFailed,
                               #"{"code":2001,"detail":"SuperNode authentication is enabled. All SuperNodes must be registered via the CLI."}"#)
        case .getRun:
            let run = (try? Flwr_Proto_GetRunRequest(serializedBytes: body))?.runID ?? 0
            state.withLock { $0.getRuns.append(run) }
            if unknownRuns.contains(run) {
                throw FleetFailure(.forbidden, #"{"code":2008,"detail":"Failed to get run."}"#)
            }
            if state.withLock({ $0.finished.contains(run) }) {
                throw FleetFailure(.forbidden, #"{"code":2007,"detail":"The current run status does not allow this Fleet API operation."}"#)
            }
            return try await inner.send(rpc, body: body)
        case .pullMessages:
            if let (message, tree) = state.withLock({ $0.queued.isEmpty ? nil : $0.queued.removeFirst() }) {
                var response = Flwr_Proto_PullMessagesResponse()
                response.messagesList = [message]
                response.messageObjectTrees = [tree]
                return (try? response.serializedBytes()) ?? []
            }
            return try await inner.send(rpc, body: body)
        default:
            return try await inner.send(rpc, body: body)
        }
    }
}
