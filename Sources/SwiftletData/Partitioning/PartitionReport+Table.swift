extension PartitionReport {
    /// A plain-text table: one row per client (size, distinct labels, label histogram), then a summary line.
    ///
    /// At most `maxClients` rows are printed; a line then says how many were left out. Columns are
    /// right-aligned with single spaces, so the output reads well in a terminal and diffs cleanly.
    public func table(maxClients: Int = 20) -> String {
        let shown = Swift.min(Swift.max(maxClients, 0), clientCount)
        let distinct = distinctLabels
        var rows: [[String]] = [["client", "size", "labels"] + (0..<classCount).map { "c\($0)" }]
        for client in 0..<shown {
            rows.append([String(client), String(sizes[client]), String(distinct[client])]
                + labelHistograms[client].map(String.init))
        }
        let widths = (0..<rows[0].count).map { column in rows.lazy.map { $0[column].count }.max() ?? 0 }
        var lines = rows.map { row in
            zip(row, widths).map { String(repeating: " ", count: $1 - $0.count) + $0 }.joined(separator: " ")
        }
        if shown < clientCount { lines.append("… \(clientCount - shown) more clients") }
        lines.append("\(clientCount) clients, \(totalSamples) samples; size min \(minimumSize) / median "
            + "\(Self.format(medianSize)) / max \(maximumSize); mean distinct labels \(Self.format(meanDistinctLabels))")
        return lines.joined(separator: "\n")
    }

    /// `value` with two decimals, without Foundation's locale-dependent formatting.
    static func format(_ value: Double) -> String {
        let hundredths = Int((value * 100).rounded())
        let fraction = abs(hundredths) % 100
        return (hundredths < 0 ? "-" : "") + "\(abs(hundredths) / 100)." + (fraction < 10 ? "0" : "") + "\(fraction)"
    }
}
