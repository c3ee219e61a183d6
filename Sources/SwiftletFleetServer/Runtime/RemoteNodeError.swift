/// Why a call to a remote node failed; the round engine counts it as that node's failure for the round.
public enum RemoteNodeError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The node replied with an error (Flower's `Error` body) instead of content.
    case nodeReportedError(node: UInt64, round: Int, code: Int64, reason: String)
    /// The node's reply cannot be taken apart or does not fit the instruction (wrong arrays, shapes, dtypes,
    /// missing metrics, message type).
    case invalidReply(node: UInt64, round: Int, reason: String)
    /// The instruction could not be built or stored.
    case cannotSend(node: UInt64, round: Int, reason: String)
    /// Remote nodes are never asked for their parameters: the server initialises the model itself.
    case parametersNotSupported(node: UInt64)

    public var description: String {
        switch self {
        case let .nodeReportedError(node, round, code, reason): "node \(node), round \(round): the node reported error \(code): \(reason)"
        case let .invalidReply(node, round, reason): "node \(node), round \(round): invalid reply: \(reason)"
        case let .cannotSend(node, round, reason): "node \(node), round \(round): cannot send the instruction: \(reason)"
        case .parametersNotSupported(let node):
            "node \(node): remote nodes do not provide initial parameters; give the strategy initialParameters"
        }
    }
}
