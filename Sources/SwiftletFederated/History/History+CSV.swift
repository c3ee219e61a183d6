import Foundation

extension History {
    /// The history as CSV: one row per record, a column per count and per metric seen in any round.
    ///
    /// Fixed columns come first (`round, attempt, status, start_s, duration_s, sampled, accepted, rejected,
    /// failed, timed_out, late, examples`); then `fit_<metric>`, `federated_loss`, `federated_<metric>`,
    /// `central_loss`, `central_<metric>`, each group's metrics sorted by name. Empty cells mean "not
    /// measured that round". Fields with commas, quotes or newlines are quoted (RFC 4180).
    public func csv() -> String {
        let fitKeys = Set(records.flatMap { $0.fitMetrics.entries.keys }).sorted()
        let federatedKeys = Set(records.flatMap { $0.federatedEvaluation?.metrics.entries.keys ?? [:].keys }).sorted()
        let centralKeys = Set(records.flatMap { $0.centralEvaluation?.metrics.entries.keys ?? [:].keys }).sorted()
        var header = ["round", "attempt", "status", "start_s", "duration_s", "sampled", "accepted", "rejected",
                      "failed", "timed_out", "late", "examples"]
        header += fitKeys.map { "fit_\($0)" }
        header += ["federated_loss"] + federatedKeys.map { "federated_\($0)" }
        header += ["central_loss"] + centralKeys.map { "central_\($0)" }
        var lines = [header.map(Self.escape).joined(separator: ",")]
        for r in records {
            var row = [String(r.round), String(r.attempt), r.status.rawValue, Self.format(r.startTime),
                       Self.format(r.duration), String(r.sampled.count), String(r.accepted.count),
                       String(r.rejected.count), String(r.failed.count), String(r.timedOut.count),
                       String(r.late.count), String(r.exampleCount)]
            row += fitKeys.map { Self.format(r.fitMetrics[$0]) }
            row.append(r.federatedEvaluation.map { Self.format($0.loss) } ?? "")
            row += federatedKeys.map { Self.format(r.federatedEvaluation?.metrics[$0]) }
            row.append(r.centralEvaluation.map { Self.format($0.loss) } ?? "")
            row += centralKeys.map { Self.format(r.centralEvaluation?.metrics[$0]) }
            lines.append(row.map(Self.escape).joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func format(_ value: Double) -> String {
        value.isFinite ? "\(value)" : (value.isNaN ? "nan" : (value > 0 ? "inf" : "-inf"))
    }

    static func format(_ value: MetricValue?) -> String {
        switch value {
        case nil: ""
        case .int(let v): String(v)
        case .double(let v): format(v)
        case .ints(let v): v.map(String.init).joined(separator: ";")
        case .doubles(let v): v.map { format($0) }.joined(separator: ";")
        }
    }

    static func escape(_ field: String) -> String {
        // `isNewline` also catches `\r\n`, which is a single Character equal to neither "\n" nor "\r".
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
