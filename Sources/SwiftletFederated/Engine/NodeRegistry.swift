/// The nodes a federation knows: who joined, how to reach them, and who is available now.
///
/// A value owned by the round engine. Nodes join with the ``Client`` that reaches them (the client itself
/// in process, a proxy over the network in deployment), may become unavailable (a phone off its charger)
/// and available again, and leave.
public struct NodeRegistry: Sendable {
    struct Entry: Sendable {
        var client: any Client
        var available: Bool
    }

    private var entries: [NodeID: Entry] = [:]
    /// Kept in step with `entries`, so asking "are enough nodes available?" costs nothing with a million nodes.
    public private(set) var availableCount = 0

    /// An empty registry.
    public init() {}

    /// Adds `node`, available, reached through `client`; a node that joins again replaces its client.
    /// - Returns: whether the node was new.
    @discardableResult
    public mutating func join(_ node: NodeID, client: any Client) -> Bool {
        let previous = entries.updateValue(Entry(client: client, available: true), forKey: node)
        if previous?.available != true { availableCount += 1 }
        return previous == nil
    }

    /// Removes `node`. - Returns: whether it was registered.
    @discardableResult
    public mutating func leave(_ node: NodeID) -> Bool {
        guard let removed = entries.removeValue(forKey: node) else { return false }
        if removed.available { availableCount -= 1 }
        return true
    }

    /// Marks `node` available or not. - Returns: whether it is registered.
    @discardableResult
    public mutating func setAvailable(_ node: NodeID, _ available: Bool) -> Bool {
        guard let was = entries[node]?.available else { return false }
        entries[node]!.available = available
        if was != available { availableCount += available ? 1 : -1 }
        return true
    }

    /// Every registered node, sorted by id.
    public var nodes: [NodeID] { entries.keys.sorted() }

    /// The available nodes, sorted by id.
    public var availableNodes: [NodeID] { entries.filter { $0.value.available }.keys.sorted() }

    /// The number of registered nodes.
    public var count: Int { entries.count }

    /// Whether `node` is registered and available.
    public func isAvailable(_ node: NodeID) -> Bool { entries[node]?.available ?? false }

    /// The client that reaches `node`.
    public func client(for node: NodeID) -> (any Client)? { entries[node]?.client }
}
