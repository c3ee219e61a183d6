import SwiftletFederated

/// A run in numbers: rounds, accuracy, time to a target accuracy in simulated and wall time, bytes, and
/// energy split into computation and communication — the final table and `summary.json`.
///
/// Pure: computed from a ``SimulationHistory`` and the wall-clock figures the caller measured (records have
/// none). Only ``wallSeconds`` and ``TargetReached/wallSeconds`` depend on the machine.
public struct SimulationSummary: Sendable, Equatable, Codable {
    /// When and where the run first reached the target accuracy.
    public struct TargetReached: Sendable, Equatable, Codable {
        /// The round.
        public var round: Int
        /// Simulated seconds since the run started at the end of that round.
        public var simulatedSeconds: Double
        /// Wall-clock seconds since the run started at the end of that round, when measured.
        public var wallSeconds: Double?
    }

    /// Training rounds run (records after the initial evaluation, retried attempts included).
    public var rounds: Int
    /// Of those, the rounds that produced a new global model.
    public var completedRounds: Int
    /// Of those, the rounds that failed (too few results, or aggregation refused).
    public var failedRounds: Int
    /// The last central test accuracy (0…1), if any round was evaluated.
    public var finalAccuracy: Double?
    /// The round of ``finalAccuracy``.
    public var finalAccuracyRound: Int?
    /// The best central test accuracy.
    public var bestAccuracy: Double?
    /// The first round that reached ``bestAccuracy``.
    public var bestAccuracyRound: Int?
    /// The last central test loss, if any.
    public var finalLoss: Double?
    /// Simulated seconds from the start to the end of the last round.
    public var simulatedSeconds: Double
    /// Wall-clock seconds the run took.
    public var wallSeconds: Double
    /// The target test accuracy (0…1), when one was set.
    public var targetAccuracy: Double?
    /// The first round whose test accuracy reached the target, or `nil` if none did (or no target).
    public var targetReached: TargetReached?
    /// Time to accuracy: for each of ``milestoneAccuracies`` the run reached, the first round that did, in
    /// simulated and wall time — how runs that differ in devices, links or codecs are compared.
    public var milestones: [Milestone]
    /// The accuracies ``milestones`` reports when reached.
    public static let milestoneAccuracies: [Double] = [0.5, 0.8, 0.9, 0.95, 0.97, 0.98, 0.99]

    /// The first round that reached an accuracy.
    public struct Milestone: Sendable, Equatable, Codable {
        /// The accuracy (0…1).
        public var accuracy: Double
        /// When it was first reached.
        public var reached: TargetReached
    }

    /// Encoded model bytes delivered to devices.
    public var downloadBytes: Int
    /// Encoded update bytes received from devices.
    public var uploadBytes: Int
    /// Bytes on air both ways, framing and retransmissions included.
    public var bytesOnAir: Double
    /// Joules of computation over the run.
    public var computeEnergy: Double
    /// Joules of radio over the run.
    public var communicationEnergy: Double
    /// Joules over the run.
    public var totalEnergy: Double
    /// Devices sampled over the run (a device counts once per round it was sampled in).
    public var sampled: Int
    /// Device-rounds per ``DeviceOutcome`` over the run, keyed by raw value; every outcome is present.
    public var outcomes: [String: Int]
    /// Accepted devices per training round, or `nil` before any round ran.
    public var meanAcceptedPerRound: Double?
    /// Computation's share (0…1) of the energy spent, or `nil` when none was.
    public var computeShare: Double?
    /// Communication's share (0…1) of the energy spent, or `nil` when none was.
    public var communicationShare: Double?

    /// The summary of `history`, which took `wallSeconds`.
    ///
    /// - Parameters:
    ///   - targetAccuracy: the accuracy (0…1) whose first round to report.
    ///   - wallTimes: wall-clock seconds since the start at the end of each record, parallel to
    ///     `history.records`; ignored unless it has one entry per record.
    public init(history: SimulationHistory, wallSeconds: Double, targetAccuracy: Double? = nil,
                wallTimes: [Double]? = nil) {
        let wallTimes = wallTimes?.count == history.records.count ? wallTimes : nil
        var outcomes: [String: Int] = [:]
        for outcome in DeviceOutcome.allCases { outcomes[outcome.rawValue] = 0 }
        (rounds, completedRounds, failedRounds) = (0, 0, 0)
        (simulatedSeconds, downloadBytes, uploadBytes, bytesOnAir) = (0, 0, 0, 0)
        (computeEnergy, communicationEnergy, sampled) = (0, 0, 0)
        milestones = []
        for (index, (record, a)) in history.rounds.enumerated() {
            let round = record.round
            if round.round > 0 {
                rounds += 1
                if round.status == .completed { completedRounds += 1 } else { failedRounds += 1 }
            }
            simulatedSeconds = max(simulatedSeconds, a.simulatedEnd)
            downloadBytes += a.downloadBytes
            uploadBytes += a.uploadBytes
            bytesOnAir += a.bytesOnAir
            computeEnergy += a.computeEnergy
            communicationEnergy += a.communicationEnergy
            sampled += a.sampled
            for (key, count) in a.outcomes { outcomes[key, default: 0] += count }
            guard let accuracy = a.testAccuracy, accuracy.isFinite else { continue }
            (finalAccuracy, finalAccuracyRound, finalLoss) = (accuracy, round.round, a.testLoss)
            if bestAccuracy.map({ accuracy > $0 }) ?? true { (bestAccuracy, bestAccuracyRound) = (accuracy, round.round) }
            for threshold in Self.milestoneAccuracies where accuracy >= threshold && !milestones.contains(where: { $0.accuracy == threshold }) {
                milestones.append(Milestone(accuracy: threshold, reached: TargetReached(
                    round: round.round, simulatedSeconds: a.simulatedEnd, wallSeconds: wallTimes?[index])))
            }
            if let target = targetAccuracy, targetReached == nil, accuracy >= target {
                targetReached = TargetReached(round: round.round, simulatedSeconds: a.simulatedEnd,
                                              wallSeconds: wallTimes?[index])
            }
        }
        totalEnergy = computeEnergy + communicationEnergy
        self.outcomes = outcomes
        let accepted = outcomes[DeviceOutcome.accepted.rawValue] ?? 0
        meanAcceptedPerRound = rounds > 0 ? Double(accepted) / Double(rounds) : nil
        computeShare = totalEnergy > 0 ? computeEnergy / totalEnergy : nil
        communicationShare = totalEnergy > 0 ? communicationEnergy / totalEnergy : nil
        self.wallSeconds = wallSeconds
        self.targetAccuracy = targetAccuracy
    }

    /// The summary of the run that produced `records`, which took `wallSeconds`; see
    /// ``init(history:wallSeconds:targetAccuracy:wallTimes:)``.
    public init(records: [SimulationRecord], wallSeconds: Double, targetAccuracy: Double? = nil,
                wallTimes: [Double]? = nil) {
        self.init(history: SimulationHistory(records: records), wallSeconds: wallSeconds,
                  targetAccuracy: targetAccuracy, wallTimes: wallTimes)
    }

    /// Device-rounds whose outcome was `outcome`.
    public func count(_ outcome: DeviceOutcome) -> Int { outcomes[outcome.rawValue] ?? 0 }
}
