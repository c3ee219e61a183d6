extension FleetNode {
    /// Where the node is in its life.
    public enum State: Sendable, Equatable, CustomStringConvertible {
        /// Created, ``FleetNode/run()`` not called yet.
        case idle
        /// Registering and activating with the server.
        case registering
        /// Joined, polling for instructions.
        case online(nodeID: UInt64)
        /// Handling an instruction: pulling, training or evaluating, pushing the reply.
        case working(messageID: String)
        /// Waiting to retry after the `attempt`-th consecutive failure to reach the server.
        case reconnecting(attempt: Int)
        /// Returned because the runs it worked for finished.
        case finished
        /// Returned because it was cancelled or failed.
        case stopped

        /// The state in words, for logs.
        public var description: String {
            switch self {
            case .idle: "idle"
            case .registering: "registering"
            case .online(let id): "online as node \(id)"
            case .working(let id): "working on message \(id)"
            case .reconnecting(let attempt): "reconnecting (attempt \(attempt))"
            case .finished: "finished"
            case .stopped: "stopped"
            }
        }
    }
}
