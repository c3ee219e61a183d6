import Foundation

extension SimulationSummary {
    /// The rows of ``table()``: a label and its value, in display order.
    public var tableRows: [(label: String, value: String)] {
        var rows: [(String, String)] = []
        rows.append(("rounds", "\(rounds) (\(completedRounds) completed, \(failedRounds) failed)"))
        rows.append(("final test accuracy", accuracyText(finalAccuracy, round: finalAccuracyRound)))
        rows.append(("best test accuracy", accuracyText(bestAccuracy, round: bestAccuracyRound)))
        if let finalLoss { rows.append(("final test loss", SVGText.fixed(finalLoss, decimals: 4))) }
        if let targetAccuracy {
            let label = "target " + UnitFormat.percent(targetAccuracy)
            if let reached = targetReached {
                let wall = reached.wallSeconds.map { ", " + UnitFormat.duration($0) + " wall" } ?? ""
                rows.append((label, "round \(reached.round): " + UnitFormat.duration(reached.simulatedSeconds) + " simulated" + wall))
            } else {
                rows.append((label, "not reached"))
            }
        }
        for milestone in milestones {
            let reached = milestone.reached
            let wall = reached.wallSeconds.map { ", " + UnitFormat.duration($0) + " wall" } ?? ""
            rows.append(("time to " + UnitFormat.percent(milestone.accuracy, decimals: 0),
                         "round \(reached.round): " + UnitFormat.duration(reached.simulatedSeconds) + " simulated" + wall))
        }
        rows.append(("simulated time", UnitFormat.duration(simulatedSeconds)))
        rows.append(("wall time", UnitFormat.duration(wallSeconds)))
        rows.append(("downloaded", UnitFormat.bytes(Double(downloadBytes))))
        rows.append(("uploaded", UnitFormat.bytes(Double(uploadBytes))))
        rows.append(("on air (both ways)", UnitFormat.bytes(bytesOnAir)))
        rows.append(("energy, computation", UnitFormat.energy(computeEnergy) + share(computeShare)))
        rows.append(("energy, communication", UnitFormat.energy(communicationEnergy) + share(communicationShare)))
        rows.append(("energy, total", UnitFormat.energy(totalEnergy)))
        rows.append(("devices sampled", "\(sampled)"))
        rows.append(("accepted", "\(count(.accepted))"
                     + (meanAcceptedPerRound.map { " (" + SVGText.fixed($0, decimals: 1) + " per round)" } ?? "")))
        rows.append(("stragglers", "\(count(.straggler))"))
        rows.append(("went offline", "\(count(.offline))"))
        rows.append(("battery depleted", "\(count(.batteryDepleted))"))
        rows.append(("failed", "\(count(.failed))"))
        rows.append(("rejected", "\(count(.rejected))"))
        return rows.map { (label: $0.0, value: $0.1) }
    }

    /// The summary as an aligned two-column text table for the terminal, one row per line.
    public func table() -> String {
        let rows = tableRows
        let width = rows.map(\.label.count).max() ?? 0
        return rows.map { $0.label + String(repeating: " ", count: width - $0.label.count) + "  " + $0.value + "\n" }.joined()
    }

    /// The summary as pretty-printed JSON with sorted keys (`summary.json`); non-finite numbers as
    /// `"nan"`, `"inf"`, `"-inf"`, absent measurements left out.
    public func json() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        // Plain value types with string fallbacks for non-finite floats always encode.
        return String(decoding: try! encoder.encode(self), as: UTF8.self) + "\n"
    }

    private func accuracyText(_ accuracy: Double?, round: Int?) -> String {
        guard let accuracy else { return "not evaluated" }
        return UnitFormat.percent(accuracy) + (round.map { " (round \($0))" } ?? "")
    }

    private func share(_ fraction: Double?) -> String { fraction.map { " (" + UnitFormat.percent($0, decimals: 1) + ")" } ?? "" }
}
