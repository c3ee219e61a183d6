import SwiftletFederated

/// One simulated round: the engine's record (in simulated time) and every sampled device's part in it.
///
/// The engine's ``SwiftletFederated/RoundRecord`` already carries the round's start and duration in seconds
/// of the simulated clock, the sampled, accepted and refused nodes and the evaluations; ``devices`` adds the
/// physics — per-device phase times, bytes and energy. Aggregates over devices are computed properties, so
/// a record cannot disagree with itself. Nothing in a record depends on wall-clock time or the worker count,
/// which is what makes a run's history bit-identical whatever the machine.
public struct SimulationRecord: Sendable, Equatable, Codable {
    /// The engine's record of the round, times in simulated seconds.
    public var round: RoundRecord
    /// Every device sampled for training, in sampling order.
    public var devices: [DeviceRoundRecord]

    /// Creates a record.
    public init(round: RoundRecord, devices: [DeviceRoundRecord]) {
        self.round = round
        self.devices = devices
    }

    /// Simulated seconds since the run started when the round began.
    public var simulatedStart: Double { round.startTime }
    /// Simulated seconds the round's training lasted: the slowest accepted device, or the deadline when a
    /// sampled device had still not reported.
    public var simulatedDuration: Double { round.duration }
    /// Simulated seconds since the run started when the round ended.
    public var simulatedEnd: Double { round.startTime + round.duration }

    /// Devices whose outcome was `outcome`.
    public func count(_ outcome: DeviceOutcome) -> Int { devices.reduce(0) { $0 + ($1.outcome == outcome ? 1 : 0) } }
    /// Encoded model bytes the server delivered.
    public var downloadBytes: Int { devices.reduce(0) { $0 + $1.downloadBytes } }
    /// Encoded update bytes the server received.
    public var uploadBytes: Int { devices.reduce(0) { $0 + $1.uploadBytes } }
    /// Bytes on air both ways, framing and retransmissions included.
    public var bytesOnAir: Double { devices.reduce(0) { $0 + $1.bytesOnAir } }
    /// Joules of computation across devices.
    public var computeEnergy: Double { devices.reduce(0) { $0 + $1.computeEnergy } }
    /// Joules of radio across devices.
    public var communicationEnergy: Double { devices.reduce(0) { $0 + $1.communicationEnergy } }
    /// Joules across devices.
    public var totalEnergy: Double { computeEnergy + communicationEnergy }
    /// Central test accuracy after the round, when evaluated.
    public var testAccuracy: Double? { round.centralEvaluation?.metrics.scalar(MetricKey.accuracy) }
    /// Central test loss after the round, when evaluated.
    public var testLoss: Double? { round.centralEvaluation?.loss }
    /// The strategy's aggregated training loss.
    public var trainLoss: Double? { round.fitMetrics.scalar(MetricKey.loss) }
}
