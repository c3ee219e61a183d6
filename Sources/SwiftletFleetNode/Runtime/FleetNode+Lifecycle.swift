import SwiftProtobuf
import SwiftletFleetProtocol

/// Heartbeats while online, and the best-effort DeactivateNode (and UnregisterNode) when the node stops.
extension FleetNode {
    /// Sends a heartbeat every ``FleetNodeConfiguration/heartbeatPeriod`` until cancelled.
    ///
    /// A heartbeat that fails to arrive is not retried early: the promised interval leaves room for the next
    /// one. An answer that the node is not active, or unknown, makes the pull loop join again.
    func heartbeatLoop() async {
        while !Task.isCancelled {
            do { try await Self.sleep(on: clock, for: configuration.heartbeatPeriod) } catch { return }
            guard let id = nodeID, !needsRejoin else { continue }
            var request = Flwr_Proto_SendNodeHeartbeatRequest()
            request.node.nodeID = id
            request.heartbeatInterval = configuration.heartbeatInterval
            guard let body = try? request.serializedBytes() as [UInt8] else { continue }
            do {
                let answer = try await transport.send(.sendNodeHeartbeat, body: body)
                stats.bytesSent += body.count
                stats.bytesReceived += answer.count
                let response = try? Flwr_Proto_SendNodeHeartbeatResponse(serializedBytes: answer)
                if response?.success == true {
                    stats.heartbeats += 1
                } else if nodeID == id {
                    logger.warning("the server does not count this node as active; joining again", metadata: ["node": "\(id)"])
                    needsRejoin = true
                }
            } catch {
                if Task.isCancelled { return }
                if Self.isUnknownNode(error), nodeID == id {
                    logger.warning("the server does not know this node; joining again", metadata: ["node": "\(id)"])
                    needsRejoin = true
                } else {
                    logger.warning("heartbeat failed", metadata: ["node": "\(id)", "failure": "\(error)"])
                }
            }
        }
    }

    /// Sends DeactivateNode once, giving up after ``FleetNodeConfiguration/deactivateTimeout``.
    func deactivate() async {
        guard let id = nodeID else { return }
        var request = Flwr_Proto_DeactivateNodeRequest()
        request.nodeID = id
        await bestEffort(.deactivateNode, request, done: "deactivated")
    }

    /// Sends UnregisterNode once, giving up after ``FleetNodeConfiguration/deactivateTimeout``.
    func unregister() async {
        guard let id = nodeID else { return }
        var request = Flwr_Proto_UnregisterNodeFleetRequest()
        request.nodeID = id
        await bestEffort(.unregisterNode, request, done: "unregistered")
    }

    /// Sends `request` as `rpc` once as the node stops, giving up after
    /// ``FleetNodeConfiguration/deactivateTimeout``; the outcome is logged, never thrown.
    ///
    /// Runs even when the node's task is cancelled: the call goes in an awaited unstructured task (which does
    /// not inherit the cancellation), raced against the timeout, so it never outlives ``run()``.
    func bestEffort(_ rpc: FleetRPC, _ request: some SwiftProtobuf.Message, done: String) async {
        guard let id = nodeID, let body = try? request.serializedBytes() as [UInt8] else { return }
        let transport = self.transport, clock = self.clock, timeout = configuration.deactivateTimeout
        let attempt = Task { () -> Result<[UInt8], FleetFailure>? in
            await withTaskGroup(of: Result<[UInt8], FleetFailure>?.self) { group in
                group.addTask {
                    do throws(FleetFailure) {
                        return .success(try await transport.send(rpc, body: body))
                    } catch {
                        return .failure(error)
                    }
                }
                group.addTask {
                    try? await Self.sleep(on: clock, for: timeout)
                    return nil
                }
                let first = await group.next() ?? nil
                group.cancelAll()
                return first
            }
        }
        let outcome: Result<[UInt8], FleetFailure>? = await attempt.value
        switch outcome {
        case .success(let answer):
            stats.bytesSent += body.count
            stats.bytesReceived += answer.count
            logger.info("\(done)", metadata: ["node": "\(id)"])
        case .failure(let failure):
            logger.warning("\(rpc.rawValue) failed", metadata: ["node": "\(id)", "failure": "\(failure)"])
        case nil:
            logger.warning("\(rpc.rawValue) timed out", metadata: ["node": "\(id)", "timeout": "\(timeout)"])
        }
    }
}
