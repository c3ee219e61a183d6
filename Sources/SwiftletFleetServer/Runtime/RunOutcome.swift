/// How a finished run ended, as Flower's GetRun reports it: status `finished` with this sub-status.
public struct RunOutcome: Sendable, Equatable {
    /// Flower's run sub-statuses.
    public enum SubStatus: String, Sendable, Equatable {
        /// Every round ran, or a stop condition (target accuracy, time budget) was met.
        case completed
        /// A round failed and the failure policy stopped the run, or the run could not start.
        case failed
        /// The operator stopped the run.
        case stopped
    }

    /// The sub-status.
    public var subStatus: SubStatus
    /// Why, for people (the engine's stop reason or the error).
    public var details: String

    /// Creates an outcome.
    public init(_ subStatus: SubStatus, details: String) {
        self.subStatus = subStatus
        self.details = details
    }
}
