extension SimulationHistory {
    /// The CSV header: the fixed columns of ``csv()``.
    public static let csvColumns = [
        "round", "attempt", "status", "sim_start_s", "sim_duration_s", "sim_end_s", "sampled", "accepted",
        "rejected", "stragglers", "offline", "battery_depleted", "failed", "train_loss", "test_loss",
        "test_accuracy", "download_bytes", "upload_bytes", "bytes_on_air", "compute_j", "radio_j", "total_j",
    ]

    /// The history as CSV: a header of ``csvColumns`` and one row per round, lines ending in `\n`.
    ///
    /// Times are simulated seconds; `accepted` … `failed` count devices by ``DeviceOutcome``; energies are
    /// joules summed over the round's devices. An empty cell means "not measured that round" (a round
    /// without evaluation has no test loss or accuracy). Numbers are Swift's shortest round-tripping
    /// decimal form (`nan`, `inf`, `-inf` when not finite). Fields holding commas, quotes or line breaks
    /// are quoted, quotes doubled (RFC 4180).
    public func csv() -> String {
        var out = Self.csvColumns.map(Self.csvField).joined(separator: ",") + "\n"
        for (record, a) in rounds {
            let r = record.round
            let counts: [Int] = [a.sampled, a.count(.accepted), a.count(.rejected), a.count(.straggler),
                                 a.count(.offline), a.count(.batteryDepleted), a.count(.failed)]
            let measured: [Double?] = [a.trainLoss, a.testLoss, a.testAccuracy]
            let energies: [Double] = [a.computeEnergy, a.communicationEnergy, a.totalEnergy]
            var row: [String] = [String(r.round), String(r.attempt), r.status.rawValue]
            row += [a.simulatedStart, a.simulatedDuration, a.simulatedEnd].map(Self.number)
            row += counts.map { String($0) }
            row += measured.map { $0.map(Self.number) ?? "" }
            row += [String(a.downloadBytes), String(a.uploadBytes), Self.number(a.bytesOnAir)]
            row += energies.map(Self.number)
            out += row.map(Self.csvField).joined(separator: ",") + "\n"
        }
        return out
    }

    /// A number as Swift's shortest round-tripping decimal, or `nan`, `inf`, `-inf`.
    static func number(_ value: Double) -> String {
        value.isFinite ? "\(value)" : (value.isNaN ? "nan" : (value > 0 ? "inf" : "-inf"))
    }

    /// A field quoted when it holds a comma, a quote or a line break, with its quotes doubled (RFC 4180).
    static func csvField(_ field: String) -> String {
        // `isNewline` also catches `\r\n`, a single Character equal to neither "\n" nor "\r".
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline }) else { return field }
        var quoted = "\""
        for character in field { quoted += character == "\"" ? "\"\"" : String(character) }
        return quoted + "\""
    }
}
