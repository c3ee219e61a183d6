import SwiftletFederated

/// What a simulation produced: every round with its physics, the final model and why the run stopped.
public struct SimulationResult: Sendable {
    /// One record per round attempt, in order; round 0 is the initial evaluation.
    public var records: [SimulationRecord]
    /// The final global model.
    public var parameters: ArrayRecord
    /// Why the run ended.
    public var stopReason: StopReason

    /// Creates a result.
    public init(records: [SimulationRecord], parameters: ArrayRecord, stopReason: StopReason) {
        self.records = records
        self.parameters = parameters
        self.stopReason = stopReason
    }

    /// The engine's history: the records without their device detail.
    public var history: History { History(records: records.map(\.round)) }

    /// Simulated seconds from the start to the end of the last round.
    public var simulatedSeconds: Double { records.last?.simulatedEnd ?? 0 }
}
