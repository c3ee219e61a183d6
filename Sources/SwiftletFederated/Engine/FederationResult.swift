/// What a run produced: the final global model, every round's record, and why it stopped.
public struct FederationResult: Sendable {
    /// The global model after the last successful round.
    public var parameters: ArrayRecord
    /// Every round, including failed attempts and the initial evaluation (round 0).
    public var history: History
    /// Why the run ended.
    public var stopReason: StopReason
}
