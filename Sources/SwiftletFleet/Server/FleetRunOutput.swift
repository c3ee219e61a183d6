import Foundation
import SwiftletFederated

/// What a fleet run leaves on disk, in the results directory: `rounds.jsonl` (one line per finished round,
/// appended as rounds end, in the `swiftlet simulate` history format) and `summary.json` at the end.
///
/// The durable state is the database; these files are for people and for the fleet benchmark, which reads
/// round durations from `rounds.jsonl` while the server runs.
public struct FleetRunOutput: Sendable {
    /// The results directory.
    public let directory: URL

    /// Creates the directory.
    /// - Throws: ``FleetServerAppError/file(path:what:reason:)`` when it cannot be created.
    public init(directory path: String, config: FleetServerConfig) throws {
        directory = URL(fileURLWithPath: path)
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw FleetServerAppError.file(path: path, what: "results directory", reason: error.localizedDescription)
        }
    }

    /// The history file.
    public var roundsFile: URL { directory.appendingPathComponent("rounds.jsonl") }
    /// The summary file.
    public var summaryFile: URL { directory.appendingPathComponent("summary.json") }

    /// Rewrites `rounds.jsonl` with `history` (whole rounds only, so a reader never sees half a line).
    public func write(history: History) throws {
        try Data(history.jsonLines().utf8).write(to: roundsFile, options: .atomic)
    }

    /// The history already in `rounds.jsonl` (empty when there is none or it cannot be read).
    public func existingHistory() -> History {
        guard let text = try? String(contentsOf: roundsFile, encoding: .utf8) else { return History() }
        return (try? History(jsonLines: text)) ?? History()
    }

    /// Writes `summary.json`.
    public func write(summary: FleetRunSummary) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try encoder.encode(summary).write(to: summaryFile, options: .atomic)
    }
}

/// The end of a fleet run, as `summary.json` holds it.
public struct FleetRunSummary: Sendable, Codable, Equatable {
    /// Why the run stopped.
    public var stopReason: String
    /// Rounds completed.
    public var completedRounds: Int
    /// The last central evaluation's accuracy, when the server evaluates.
    public var accuracy: Double?
    /// The last central evaluation's loss.
    public var loss: Double?
    /// Mean round duration in seconds, over completed rounds.
    public var meanRoundSeconds: Double
    /// Parameters of the final model.
    public var parameterCount: Int

    /// Summarises a result.
    public init(_ result: FederationResult, accuracyMetric: String = "accuracy") {
        stopReason = result.stopReason.description
        let completed = result.history.records.filter { $0.round > 0 && $0.status == .completed }
        completedRounds = completed.count
        let evaluation = result.history.lastCentralEvaluation
        accuracy = evaluation?.metrics[accuracyMetric]?.scalar
        loss = evaluation?.loss
        meanRoundSeconds = completed.isEmpty ? 0 : completed.map(\.duration).reduce(0, +) / Double(completed.count)
        parameterCount = result.parameters.count
    }
}
