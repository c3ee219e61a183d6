import Foundation
import SwiftletFleetProtocol

/// Node lifecycle: register, activate, heartbeat, expiry, deactivate, unregister, and restore after a restart.
extension FleetService {
    func registerNode(_ request: Flwr_Proto_RegisterNodeFleetRequest, caller: FleetCaller) throws(FleetFailure)
        -> Flwr_Proto_RegisterNodeFleetResponse {
        let key = [UInt8](request.publicKey)
        if let callerKey = caller.publicKey, callerKey != key {
            throw FleetFailure(.forbidden, "public_key: differs from the key that signed the request")
        }
        var response = Flwr_Proto_RegisterNodeFleetResponse()
        // A node that registers again with its key (after its own restart) gets its id back.
        try loadDirectory()
        if !key.isEmpty, let existing = directoryStorage?.node(publicKey: key) {
            response.nodeID = existing.id
            return response
        }
        var id = freshID()
        while directoryStorage?.node(id) != nil { id = freshID() }
        let node = StoredNode(id: id, publicKey: key, status: .registered, heartbeatInterval: 0,
                              lastSeen: now(), registeredAt: now())
        try saveNode(node)
        response.nodeID = id
        return response
    }

    func activateNode(_ request: Flwr_Proto_ActivateNodeRequest, caller: FleetCaller) throws(FleetFailure)
        -> Flwr_Proto_ActivateNodeResponse {
        let key = [UInt8](request.publicKey)
        if let callerKey = caller.publicKey, callerKey != key {
            throw FleetFailure(.forbidden, "public_key: differs from the key that signed the request")
        }
        try checkInterval(request.heartbeatInterval)
        try loadDirectory()
        guard var node = directoryStorage?.node(publicKey: key) else {
            throw FleetFailure(.notFound, "public_key: no node registered with this key")
        }
        let wasOnline = node.status == .online
        node.status = .online
        node.heartbeatInterval = request.heartbeatInterval
        node.lastSeen = now()
        try saveNode(node)
        if !wasOnline { emit(.activated(node.id)) }
        var response = Flwr_Proto_ActivateNodeResponse()
        response.nodeID = node.id
        return response
    }

    func deactivateNode(_ request: Flwr_Proto_DeactivateNodeRequest, caller: FleetCaller) throws(FleetFailure)
        -> Flwr_Proto_DeactivateNodeResponse {
        var node = try boundNode(request.nodeID, caller: caller, field: "node_id")
        guard node.status != .registered else {
            throw FleetFailure(.conflict, "node_id: node \(node.id) is not active")
        }
        let wasOnline = node.status == .online
        node.status = .registered
        node.lastSeen = now()
        try saveNode(node)
        if wasOnline { emit(.deactivated(node.id)) }
        return Flwr_Proto_DeactivateNodeResponse()
    }

    func unregisterNode(_ request: Flwr_Proto_UnregisterNodeFleetRequest, caller: FleetCaller) throws(FleetFailure)
        -> Flwr_Proto_UnregisterNodeFleetResponse {
        let node = try boundNode(request.nodeID, caller: caller, field: "node_id")
        try db { () throws(FleetStoreError) in try store.deleteNode(node.id) }
        directoryStorage?.remove(node.id)
        emit(.unregistered(node.id))
        return Flwr_Proto_UnregisterNodeFleetResponse()
    }

    func heartbeat(_ request: Flwr_Proto_SendNodeHeartbeatRequest, caller: FleetCaller) throws(FleetFailure)
        -> Flwr_Proto_SendNodeHeartbeatResponse {
        try checkInterval(request.heartbeatInterval)
        var node = try boundNode(request.node.nodeID, caller: caller, field: "node.node_id")
        var response = Flwr_Proto_SendNodeHeartbeatResponse()
        // A node that never activated (or deactivated) must activate first, as in Flower.
        guard node.status != .registered else { return response }
        let cameBack = node.status == .offline
        let intervalChanged = node.heartbeatInterval != request.heartbeatInterval
        node.status = .online
        node.heartbeatInterval = request.heartbeatInterval
        node.lastSeen = now()
        if cameBack || intervalChanged {
            try saveNode(node)
        } else {
            // Only the time changed: kept in memory (see NodeDirectory), no disk write per heartbeat.
            directoryStorage?.put(node, tolerance: limits.heartbeatTolerance)
        }
        if cameBack { emit(.activated(node.id)) }
        response.success = true
        return response
    }

    func checkInterval(_ interval: Double) throws(FleetFailure) {
        guard limits.heartbeatIntervals.contains(interval) else {
            throw FleetFailure(.badRequest, "heartbeat_interval: \(interval) is outside "
                + "\(limits.heartbeatIntervals.lowerBound)...\(limits.heartbeatIntervals.upperBound) seconds")
        }
    }

    /// Marks offline every online node that missed its heartbeat interval × the tolerance, and reports each.
    /// Runs before every request; call it on a timer too so an idle fleet notices silent nodes.
    public func expireNodes() throws(FleetFailure) {
        try loadDirectory()
        let expired = directoryStorage?.expired(at: now(), tolerance: limits.heartbeatTolerance) ?? []
        for var node in expired {
            node.status = .offline
            try saveNode(node)
            emit(.expired(node.id))
        }
    }

    /// Reloads the fleet after a restart: nodes that were online stay online for one more heartbeat interval
    /// of grace from now, since they keep polling through the restart.
    public func restore() throws(FleetFailure) {
        let time = now()
        try loadDirectory()
        for var node in try db({ () throws(FleetStoreError) in try store.allNodes() }) where node.status == .online {
            // lastSeen + interval × tolerance = now + interval.
            node.lastSeen = time.addingTimeInterval(node.heartbeatInterval * (1 - limits.heartbeatTolerance))
            try saveNode(node)
            emit(.activated(node.id))
        }
    }

    /// The ids of the nodes online now, ascending.
    public var onlineNodes: [UInt64] {
        try? loadDirectory()
        return directoryStorage?.onlineIDs ?? []
    }

    /// A stream of node events from now on; it ends when the caller stops iterating.
    public func nodeEvents() -> AsyncStream<NodeEvent> {
        let (stream, continuation) = AsyncStream<NodeEvent>.makeStream()
        let key = nextSink
        nextSink += 1
        eventSinks[key] = continuation
        continuation.onTermination = { [weak self] _ in
            Task { await self?.dropSink(key) }
        }
        return stream
    }

    func dropSink(_ key: Int) { eventSinks[key] = nil }

    func emit(_ event: NodeEvent) {
        for sink in eventSinks.values { sink.yield(event) }
    }
}
