/// What a ``FleetNode`` has done so far: for the CLI's progress line and the fleet benchmark.
public struct FleetNodeStats: Sendable, Equatable {
    /// Instructions pulled and answered (with a result or an error reply) or dropped.
    public var messagesHandled = 0
    /// Train instructions the client completed.
    public var fits = 0
    /// Evaluate instructions the client completed.
    public var evaluations = 0
    /// Error replies sent (bad instructions and client failures).
    public var errorsReplied = 0
    /// Instructions dropped without any reply, because no reply could be addressed or the server refused it.
    public var dropped = 0
    /// Calls repeated after a transport failure or a server error.
    public var retries = 0
    /// Times the node registered and activated again because the server had forgotten it.
    public var rejoins = 0
    /// Pulls that found an instruction's object not yet available on the server, each followed by a wait.
    public var objectsNotYetAvailable = 0
    /// Heartbeats the server acknowledged.
    public var heartbeats = 0
    /// Request bytes sent, protobuf bodies only.
    public var bytesSent = 0
    /// Response bytes received, protobuf bodies only.
    public var bytesReceived = 0

    /// Creates zeroed stats.
    public init() {}
}
