import Synchronization

/// The round engine's current attempt at each round, shared with the remote clients.
///
/// The engine tells `FederationConfig.roundPreparation` which (round, attempt) it is about to sample for;
/// the runtime records it here, and a ``RemoteNodeClient`` reads it to name its instruction, so a retried
/// round sends new messages while a resumed one (which restarts at attempt 1) finds the old ones.
public final class AttemptTracker: Sendable {
    private let attempts = Mutex<[Int: Int]>([:])

    /// An empty tracker: every round at attempt 1.
    public init() {}

    /// Records that `round` is at `attempt`.
    public func record(round: Int, attempt: Int) {
        attempts.withLock { $0[round] = attempt }
    }

    /// The attempt `round` is at (1 when none was recorded).
    public func attempt(of round: Int) -> Int {
        attempts.withLock { $0[round] ?? 1 }
    }
}
