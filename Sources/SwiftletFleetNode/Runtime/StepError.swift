import SwiftletFleetProtocol

/// Why one step of the node's loop did not complete; internal to ``FleetNode``.
enum StepError: Error, Sendable {
    /// The node's task was cancelled.
    case cancelled
    /// The node cannot go on; ``FleetNode/run()`` throws this.
    case failed(FleetNodeError)
    /// The server answered `rpc` with a failure that retrying will not fix; the caller decides what it means.
    case refused(FleetRPC, FleetFailure)
    /// The instruction is unusable: it is answered with a Flower Error of `code` saying `reason`.
    case invalid(code: Int64, reason: String)
}
