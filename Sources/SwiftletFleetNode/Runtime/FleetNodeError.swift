import SwiftletFleetProtocol

/// Why ``FleetNode/run()`` stopped without finishing.
public enum FleetNodeError: Error, Sendable, Equatable, CustomStringConvertible {
    /// `run()` was called on a node that is already running or has stopped.
    case notIdle(FleetNode.State)
    /// A configuration value is unusable.
    case invalidConfiguration(String)
    /// The server refused to register or activate the node (wrong key, not allowed, bad interval).
    case joinRefused(FleetFailure)
    /// The server stayed unreachable through every attempt the reconnect policy allows.
    case unreachable(rpc: FleetRPC, attempts: Int, last: FleetFailure)
    /// The server refused a call the node cannot do without (pulling messages with a valid node id).
    case refused(rpc: FleetRPC, FleetFailure)

    /// What went wrong, with the RPC and the server's reason.
    public var description: String {
        switch self {
        case .notIdle(let state): "the node cannot start: it is \(state)"
        case .invalidConfiguration(let reason): "invalid node configuration: \(reason)"
        case .joinRefused(let failure): "the server refused to register or activate the node: \(failure)"
        case .unreachable(let rpc, let attempts, let last):
            "\(rpc.rawValue): the server stayed unreachable after \(attempts) attempts; last failure: \(last)"
        case .refused(let rpc, let failure): "\(rpc.rawValue): the server refused the call: \(failure)"
        }
    }
}
