import SwiftletFederated

/// Following the fleet: node events become the engine's join, availability and leave.
extension FleetServerRuntime {
    /// Follows `events` until cancelled. A node that stops heart-beating becomes unavailable at once and leaves
    /// after ``FleetRunSettings/nodeGrace`` unless it comes back; one that deactivates or unregisters leaves.
    func follow(_ events: AsyncStream<NodeEvent>) async {
        let clock = self.clock
        let grace = settings.nodeGrace
        await withTaskGroup(of: Void.self) { timers in
            for await event in events {
                switch event {
                case .activated(let node):
                    await nodeActivated(node)
                case .expired(let node):
                    guard let generation = await nodeExpired(node) else { continue }
                    timers.addTask {
                        do { try await clock.sleep(for: grace) } catch { return }
                        await self.graceEnded(node, generation: generation)
                    }
                case .deactivated(let node), .unregistered(let node):
                    await nodeLeft(node, reason: "\(event)")
                }
            }
            timers.cancelAll()
        }
    }

    /// Joins `node` to the engine, or makes it available again.
    func nodeActivated(_ node: UInt64) async {
        guard let engine, let runID else { return }
        if let member = members[node] {
            members[node] = (true, member.generation + 1)
            guard !member.online else { return }
            await engine.setAvailability(NodeID(node), available: true)
            logger.info("node back", metadata: ["node": "\(node)"])
        } else {
            members[node] = (true, 0)
            let client = RemoteNodeClient(node: node, run: runID, service: service, settings: settings, attempts: attempts,
                                          contentCache: contentCache, downlink: downlinkCoder)
            await engine.join(NodeID(node), client: client)
            logger.info("node joined", metadata: ["node": "\(node)"])
        }
        reportOnline()
    }

    /// Makes `node` unavailable; answers the generation its grace timer must still find, or `nil`.
    func nodeExpired(_ node: UInt64) async -> Int? {
        guard let engine, let member = members[node], member.online else { return nil }
        members[node] = (false, member.generation + 1)
        await engine.setAvailability(NodeID(node), available: false)
        logger.info("node missed its heartbeats", metadata: ["node": "\(node)"])
        reportOnline()
        return member.generation + 1
    }

    /// Removes `node` after its grace, unless it came back (or left) meanwhile.
    func graceEnded(_ node: UInt64, generation: Int) async {
        guard let member = members[node], !member.online, member.generation == generation else { return }
        await nodeLeft(node, reason: "no heartbeat within the grace")
    }

    /// Removes `node` from the engine; a call in flight to it still counts if it answers in time.
    func nodeLeft(_ node: UInt64, reason: String) async {
        guard let engine, members.removeValue(forKey: node) != nil else { return }
        await engine.leave(NodeID(node))
        logger.info("node left", metadata: ["node": "\(node)", "reason": "\(reason)"])
        reportOnline()
    }

    /// The nodes in the engine now, and whether each can be sampled (`false`: within its grace).
    public var nodeAvailability: [UInt64: Bool] { members.mapValues(\.online) }

    func reportOnline() {
        metrics.nodesOnline.record(members.values.count { $0.online })
    }
}
