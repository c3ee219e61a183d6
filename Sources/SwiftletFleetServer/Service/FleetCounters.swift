/// Counters for metrics: what the service has received and sent since it started.
public struct FleetCounters: Sendable, Equatable {
    /// Messages received from nodes (replies) and sent to nodes (pulled instructions).
    public var messagesIn = 0, messagesOut = 0
    /// Objects received from nodes and sent to nodes.
    public var objectsIn = 0, objectsOut = 0
    /// Object bytes received and sent.
    public var bytesIn = 0, bytesOut = 0
    /// Nodes online now.
    public var nodesOnline = 0

    /// Creates zero counters.
    public init() {}
}
