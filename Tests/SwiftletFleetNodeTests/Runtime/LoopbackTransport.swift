import Foundation
import Synchronization
import SwiftletFleetProtocol
import SwiftletFleetServer

/// A transport that calls a real ``FleetService`` in process, with switches that simulate a network drop.
final class LoopbackTransport: FleetTransport {
    /// One simulated failure: of a given RPC (or any), before the server sees the request or after it
    /// handled it (the answer is lost on the way back).
    struct Drop {
        var rpc: FleetRPC?
        var afterDelivery: Bool
    }

    private struct State {
        var drops: [Drop] = []
        var calls: [FleetRPC] = []
        var bodies: [(FleetRPC, [UInt8])] = []
        var tampered: [String: @Sendable ([UInt8]) -> [UInt8]] = [:]
        var withheld: [String: Int] = [:]
    }

    let service: FleetService
    let caller: FleetCaller
    private let state = Mutex(State())

    init(service: FleetService, caller: FleetCaller = .anonymous) {
        self.service = service
        self.caller = caller
    }

    /// Makes the next `count` calls of `rpc` (of any RPC when `nil`) fail as unreachable.
    func failNext(_ count: Int, of rpc: FleetRPC? = nil, afterDelivery: Bool = false) {
        state.withLock { $0.drops += Array(repeating: Drop(rpc: rpc, afterDelivery: afterDelivery), count: count) }
    }

    /// Changes the bytes of object `id` with `change` whenever it is pulled, alone or in a batch (a corrupt or
    /// truncated download).
    func tamper(object id: String, with change: @escaping @Sendable ([UInt8]) -> [UInt8]) {
        state.withLock { $0.tampered[id] = change }
    }

    /// Answers the next `count` pulls of object `id`, alone or in a batch, as Flower's SuperLink answers an object
    /// its ServerApp has declared but not pushed yet: found, not available, no content.
    func withhold(object id: String, times count: Int) {
        state.withLock { $0.withheld[id] = count }
    }

    /// Takes one withheld answer of `id`, if any is left.
    private func takeWithheld(_ id: String) -> Bool {
        state.withLock { state in
            guard let left = state.withheld[id], left > 0 else { return false }
            state.withheld[id] = left - 1
            return true
        }
    }

    /// Every RPC sent, in order (dropped ones included).
    var calls: [FleetRPC] { state.withLock { $0.calls } }

    /// The request bodies of `rpc` that reached the server.
    func bodies(of rpc: FleetRPC) -> [[UInt8]] { state.withLock { $0.bodies.filter { $0.0 == rpc }.map(\.1) } }

    func send(_ rpc: FleetRPC, body: [UInt8]) async throws(FleetFailure) -> [UInt8] {
        let drop: Drop? = state.withLock { state in
            state.calls.append(rpc)
            guard let index = state.drops.firstIndex(where: { $0.rpc == nil || $0.rpc == rpc }) else { return nil }
            return state.drops.remove(at: index)
        }
        if let drop, !drop.afterDelivery {
            throw FleetFailure(.unavailable, "\(rpc.rawValue): loopback connection refused (simulated drop)")
        }
        state.withLock { $0.bodies.append((rpc, body)) }
        var answer = try await service.handle(rpc, body: body, caller: caller)
        if drop != nil {
            throw FleetFailure(.unavailable, "\(rpc.rawValue): loopback connection reset before the answer (simulated drop)")
        }
        if rpc == .pullObject, let request = try? Flwr_Proto_PullObjectRequest(serializedBytes: body),
           var pulled = try? Flwr_Proto_PullObjectResponse(serializedBytes: answer) {
            if let change = state.withLock({ $0.tampered[request.objectID] }) {
                pulled.objectContent = Data(change([UInt8](pulled.objectContent)))
            }
            if takeWithheld(request.objectID) {
                pulled.objectAvailable = false
                pulled.objectContent = Data()
            }
            answer = (try? pulled.serializedBytes()) ?? answer
        }
        if rpc == .pullObjects, let request = try? Swiftlet_Fleet_PullObjectsRequest(serializedBytes: body),
           var pulled = try? Swiftlet_Fleet_PullObjectsResponse(serializedBytes: answer) {
            for (index, item) in zip(pulled.responses.indices, request.requests) {
                if let change = state.withLock({ $0.tampered[item.objectID] }) {
                    pulled.responses[index].objectContent = Data(change([UInt8](pulled.responses[index].objectContent)))
                }
                if takeWithheld(item.objectID) {
                    pulled.responses[index].objectAvailable = false
                    pulled.responses[index].objectContent = Data()
                }
            }
            answer = (try? pulled.serializedBytes()) ?? answer
        }
        return answer
    }
}
