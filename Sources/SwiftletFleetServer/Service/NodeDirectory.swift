import Foundation

/// The service's in-memory mirror of the nodes table, with the indexes that keep a request O(log n) in the
/// fleet's size: by id, by public key, heartbeat deadlines in a min-heap, and which nodes are known to have
/// nothing to pull.
///
/// The store stays the source of truth: the service writes a change to the store first and mirrors it here
/// only once the write succeeded, so a failed write leaves both as they were. Heartbeats that change nothing
/// but the time a node was last seen are kept here only — after a restart ``FleetService/restore()`` gives
/// every online node a fresh grace period, so persisting each heartbeat would buy nothing but a disk write
/// per request.
struct NodeDirectory: Sendable {
    private(set) var nodes: [UInt64: StoredNode] = [:]
    private var byKey: [[UInt8]: UInt64] = [:]
    /// Candidate expiry times of online nodes; an entry may be stale (the node heart-beat since), and is then
    /// re-queued at its real deadline when it surfaces.
    private var deadlines = DeadlineHeap()
    /// Nodes for which the store was found to hold no pending message, and none was posted since.
    private var idle: Set<UInt64> = []
    /// Online nodes, counted as they change.
    private(set) var onlineCount = 0

    /// A directory of `nodes` as read from the store.
    init(_ stored: [StoredNode], tolerance: Double) {
        for node in stored { put(node, tolerance: tolerance) }
    }

    func node(_ id: UInt64) -> StoredNode? { nodes[id] }

    func node(publicKey: [UInt8]) -> StoredNode? {
        byKey[publicKey].flatMap { nodes[$0] }
    }

    /// Online node ids, ascending.
    var onlineIDs: [UInt64] { nodes.values.filter { $0.status == .online }.map(\.id).sorted() }

    /// Records `node` (new or changed).
    mutating func put(_ node: StoredNode, tolerance: Double) {
        let before = nodes[node.id]
        if before?.status == .online { onlineCount -= 1 }
        if node.status == .online {
            onlineCount += 1
            if before?.status != .online { deadlines.push(Self.deadline(of: node, tolerance: tolerance), node.id) }
        }
        if let before, !before.publicKey.isEmpty, byKey[before.publicKey] == node.id { byKey[before.publicKey] = nil }
        nodes[node.id] = node
        if !node.publicKey.isEmpty { byKey[node.publicKey] = node.id }
    }

    /// Forgets node `id`.
    mutating func remove(_ id: UInt64) {
        guard let node = nodes.removeValue(forKey: id) else { return }
        if node.status == .online { onlineCount -= 1 }
        if byKey[node.publicKey] == id { byKey[node.publicKey] = nil }
        idle.remove(id)
    }

    /// The online nodes whose deadline (last seen + interval × tolerance) is before `time`, earliest first.
    /// Entries that turn out stale are re-queued at the node's real deadline.
    mutating func expired(at time: Date, tolerance: Double) -> [StoredNode] {
        var result: [StoredNode] = []
        while let (when, id) = deadlines.min, when < time {
            deadlines.popMin()
            guard let node = nodes[id], node.status == .online else { continue }
            let real = Self.deadline(of: node, tolerance: tolerance)
            if real < time {
                result.append(node)
            } else {
                deadlines.push(real, id)
            }
        }
        return result
    }

    /// Whether the store is known to hold nothing for node `id` to pull.
    func isIdle(_ id: UInt64) -> Bool { idle.contains(id) }

    /// Notes that the store holds nothing for node `id` to pull (until ``messagePosted(to:)``).
    mutating func markIdle(_ id: UInt64) { idle.insert(id) }

    /// Notes a message posted for node `id`.
    mutating func messagePosted(to id: UInt64) { idle.remove(id) }

    static func deadline(of node: StoredNode, tolerance: Double) -> Date {
        node.lastSeen.addingTimeInterval(node.heartbeatInterval * tolerance)
    }
}

/// A binary min-heap of (time, node id).
struct DeadlineHeap: Sendable {
    private var items: [(Date, UInt64)] = []

    var count: Int { items.count }

    var min: (Date, UInt64)? { items.first }

    mutating func push(_ time: Date, _ id: UInt64) {
        items.append((time, id))
        var child = items.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard items[child].0 < items[parent].0 else { break }
            items.swapAt(child, parent)
            child = parent
        }
    }

    mutating func popMin() {
        guard !items.isEmpty else { return }
        items.swapAt(0, items.count - 1)
        items.removeLast()
        var parent = 0
        while true {
            let left = 2 * parent + 1, right = left + 1
            var smallest = parent
            if left < items.count, items[left].0 < items[smallest].0 { smallest = left }
            if right < items.count, items[right].0 < items[smallest].0 { smallest = right }
            guard smallest != parent else { return }
            items.swapAt(parent, smallest)
            parent = smallest
        }
    }
}
