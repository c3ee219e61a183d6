/// A change in the fleet that the round engine's node registry follows.
public enum NodeEvent: Sendable, Equatable {
    /// The node activated (or came back after missing heartbeats).
    case activated(UInt64)
    /// The node deactivated itself.
    case deactivated(UInt64)
    /// The node missed its heartbeat interval × the tolerance.
    case expired(UInt64)
    /// The node unregistered.
    case unregistered(UInt64)
}
