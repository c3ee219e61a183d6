import Foundation
import SwiftletFederated
import SwiftletSimulation

/// Accuracy against uplink bytes: runs simulation configs that differ only in their codecs and tabulates
/// bytes sent, the compression ratio against the float32 run and the final test accuracy beside it.
///
/// Each config is a complete `swiftlet simulate` run (configs/codecs-*.toml); its results are written to
/// its own output directory as `simulate` writes them. The baseline is the first config whose uplink codec
/// is `f32le`; ratios and accuracy differences (percentage points) are against it.
public struct CodecAccuracyBenchmark: Sendable {
    /// Config files, run in order.
    public var configPaths: [String]

    /// A benchmark of `configPaths`.
    public init(configPaths: [String]) {
        self.configPaths = configPaths
    }

    /// Runs every config; `progress` hears a line per finished run.
    public func run(progress: @Sendable (String) -> Void = { _ in }) async throws -> [CodecAccuracyRow] {
        var rows: [CodecAccuracyRow] = []
        for path in configPaths {
            let config = try SimulationConfig(contentsOfFile: path)
            let experiment = try Experiment.build(config)
            let clock = ContinuousClock()
            let start = clock.now
            let result = try await Simulator.run(experiment.strategy, setup: experiment.setup)
            let wall = start.duration(to: clock.now).seconds
            let history = SimulationHistory(records: result.records)
            let summary = SimulationSummary(history: history, wallSeconds: wall)
            _ = try SimulationOutput.write(history: history, summary: summary, charts: nil, configTOML: config.toml(),
                                           to: config.output.directory, deviceDetail: false)
            let server = config.server
            let row = CodecAccuracyRow(
                config: path, uplinkCodec: server.uplinkCodec, downlinkCodec: server.downlinkCodec,
                errorFeedback: server.errorFeedback, rounds: summary.completedRounds, uploadBytes: summary.uploadBytes,
                downloadBytes: summary.downloadBytes, finalAccuracy: summary.finalAccuracy ?? .nan, wallSeconds: wall)
            rows.append(row)
            progress(String(format: "%@: %@ up, %@ down, error feedback %@: %.2f%% after %d rounds, %.2f MB up (%.0f s)",
                            path, row.uplinkCodec, row.downlinkCodec, row.errorFeedback ? "on" : "off",
                            100 * row.finalAccuracy, row.rounds, Double(row.uploadBytes) / 1e6, wall))
        }
        if let baseline = rows.first(where: { $0.uplinkCodec == "f32le" }) {
            for i in rows.indices {
                rows[i].uplinkRatio = Double(baseline.uploadBytes) / Double(max(1, rows[i].uploadBytes))
                rows[i].downlinkRatio = Double(baseline.downloadBytes) / Double(max(1, rows[i].downloadBytes))
                rows[i].accuracyDeltaPoints = 100 * (rows[i].finalAccuracy - baseline.finalAccuracy)
            }
        }
        return rows
    }
}

/// One run of the accuracy-versus-bytes table.
public struct CodecAccuracyRow: Sendable, Codable, Equatable {
    /// The config file.
    public var config: String
    /// `server.uplink-codec`.
    public var uplinkCodec: String
    /// `server.downlink-codec`.
    public var downlinkCodec: String
    /// `server.error-feedback`.
    public var errorFeedback: Bool
    /// Rounds completed.
    public var rounds: Int
    /// Bytes all devices sent.
    public var uploadBytes: Int
    /// Bytes all devices received.
    public var downloadBytes: Int
    /// Central test accuracy after the last round.
    public var finalAccuracy: Double
    /// Wall-clock seconds of the run.
    public var wallSeconds: Double
    /// The baseline's upload bytes ÷ these.
    public var uplinkRatio: Double?
    /// The baseline's download bytes ÷ these.
    public var downlinkRatio: Double?
    /// Final accuracy minus the baseline's, percentage points.
    public var accuracyDeltaPoints: Double?
}
