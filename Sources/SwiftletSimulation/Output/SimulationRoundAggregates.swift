import SwiftletFederated

/// One simulated round reduced to its totals: simulated times, device counts per outcome, bytes, energy and
/// the round's losses and accuracy.
///
/// Written beside every record in `rounds.jsonl`, so a file exported without per-device detail still
/// carries everything the CSV, the summary and the charts need, and reading it back restores them.
public struct SimulationRoundAggregates: Sendable, Equatable, Codable {
    /// Simulated seconds since the run started when the round began.
    public var simulatedStart: Double
    /// Simulated seconds the round's training lasted.
    public var simulatedDuration: Double
    /// Simulated seconds since the run started when the round ended.
    public var simulatedEnd: Double
    /// Devices sampled to train.
    public var sampled: Int
    /// Devices per outcome, keyed by ``DeviceOutcome`` raw value; every outcome is present (0 when none).
    public var outcomes: [String: Int]
    /// Encoded model bytes the server delivered.
    public var downloadBytes: Int
    /// Encoded update bytes the server received.
    public var uploadBytes: Int
    /// Bytes on air both ways, framing and retransmissions included.
    public var bytesOnAir: Double
    /// Joules of computation across devices.
    public var computeEnergy: Double
    /// Joules of radio across devices.
    public var communicationEnergy: Double
    /// Joules across devices.
    public var totalEnergy: Double
    /// Central test accuracy (0…1) after the round, when evaluated.
    public var testAccuracy: Double?
    /// Central test loss after the round, when evaluated.
    public var testLoss: Double?
    /// The strategy's aggregated training loss, when reported.
    public var trainLoss: Double?

    /// The aggregates of `record`, computed from its devices and its engine record.
    public init(_ record: SimulationRecord) {
        simulatedStart = record.simulatedStart
        simulatedDuration = record.simulatedDuration
        simulatedEnd = record.simulatedEnd
        sampled = record.round.sampled.count
        var outcomes: [String: Int] = [:]
        for outcome in DeviceOutcome.allCases { outcomes[outcome.rawValue] = 0 }
        for device in record.devices { outcomes[device.outcome.rawValue, default: 0] += 1 }
        self.outcomes = outcomes
        downloadBytes = record.downloadBytes
        uploadBytes = record.uploadBytes
        bytesOnAir = record.bytesOnAir
        computeEnergy = record.computeEnergy
        communicationEnergy = record.communicationEnergy
        totalEnergy = record.totalEnergy
        testAccuracy = record.testAccuracy
        testLoss = record.testLoss
        trainLoss = record.trainLoss
    }

    /// Devices whose outcome was `outcome` (0 when the file did not list it).
    public func count(_ outcome: DeviceOutcome) -> Int { outcomes[outcome.rawValue] ?? 0 }
}
