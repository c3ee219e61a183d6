/// Something that happened in a run, for progress bars, logs and dashboards.
///
/// Subscribe with ``RoundEngine/events()``; every subscriber gets every event from the moment it subscribed.
public enum FederationEvent: Sendable, Equatable {
    /// The engine is waiting for enough nodes to join.
    case waitingForNodes(available: Int, required: Int)
    /// A training round started with these nodes.
    case roundStarted(round: Int, attempt: Int, nodes: [NodeID])
    /// A node answered (before validation; with ``ResultOrdering/sampled`` acceptance may come later).
    case resultReceived(round: Int, node: NodeID)
    /// A node's result passed validation and was aggregated.
    case resultAccepted(round: Int, node: NodeID, exampleCount: Int)
    /// A node's result was refused.
    case resultRejected(round: Int, node: NodeID, reason: RejectionReason)
    /// A node's client or connection failed.
    case nodeFailed(round: Int, node: NodeID, reason: String)
    /// A node had not answered by the round's deadline.
    case nodeTimedOut(round: Int, node: NodeID)
    /// A node's evaluation was refused (non-finite loss, bad example count).
    case evaluationRejected(round: Int, node: NodeID, reason: RejectionReason)
    /// A node failed to evaluate.
    case evaluationFailed(round: Int, node: NodeID, reason: String)
    /// A node answered after its round's deadline; the result was discarded.
    case resultLate(round: Int, node: NodeID)
    /// A round attempt failed; what happens next follows ``RoundFailurePolicy``.
    case roundFailed(round: Int, attempt: Int, reason: String)
    /// A round finished (completed or failed, evaluations included).
    case roundFinished(RoundRecord)
    /// The run ended.
    case finished(StopReason)
}

/// Why a run ended.
public enum StopReason: Sendable, Equatable, Codable, CustomStringConvertible {
    /// All configured rounds ran.
    case roundsCompleted(Int)
    /// The accuracy target was reached.
    case targetReached(round: Int, accuracy: Double)
    /// The time budget ran out.
    case timeBudgetExhausted(round: Int)
    /// A round failed and the policy said stop.
    case roundFailed(round: Int, reason: String)
    /// The task running the engine was cancelled.
    case cancelled(round: Int)
    /// ``FederationConfig/roundCompletion`` failed to save the checkpoint of `round`; the run stopped so
    /// that no progress outruns what is durable.
    case checkpointFailed(round: Int, reason: String)

    public var description: String {
        switch self {
        case .roundsCompleted(let n): "completed \(n) rounds"
        case let .targetReached(round, accuracy): "reached accuracy \(accuracy) in round \(round)"
        case .timeBudgetExhausted(let round): "time budget exhausted after round \(round)"
        case let .roundFailed(round, reason): "round \(round) failed: \(reason)"
        case .cancelled(let round): "cancelled after round \(round)"
        case let .checkpointFailed(round, reason): "checkpoint of round \(round) failed: \(reason)"
        }
    }
}
