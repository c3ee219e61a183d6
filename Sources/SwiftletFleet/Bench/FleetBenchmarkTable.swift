import Foundation

/// The fleet benchmark's report as a text table, with the issue's targets beside the figures.
public enum FleetBenchmarkTable {
    /// Renders `report`.
    public static func render(_ report: FleetBenchmarkReport) -> String {
        var lines = ["", "fleet benchmark (\(report.cores) cores, \(report.date))"]
        func mib(_ bytes: Int) -> String { String(format: "%.0f MiB", Double(bytes) / 1_048_576) }
        if let p = report.polling {
            let ok = p.serverPeakRSSBytes < 1 << 30 ? "meets" : "MISSES"
            lines.append(String(format: "polling: %d nodes active in %.1f s; %.0f requests/s; latency p50 %.2f ms, p99 %.2f ms",
                                p.nodes, p.registrationSeconds, p.requestsPerSecond, p.latency.all.p50, p.latency.all.p99))
            lines.append("  server RSS \(mib(p.serverRSSBytes)), peak \(mib(p.serverPeakRSSBytes)) — \(ok) the < 1 GiB target")
            if p.latency.all.failures > 0 { lines.append("  failed requests: \(p.latency.all.failures)") }
        }
        if let r = report.rounds {
            let worst = r.roundSeconds.max() ?? 0
            let complete = r.rounds > 0 && r.accepted.allSatisfy { $0 == r.nodes }
            let ok = worst < 10 && complete ? "meets" : "MISSES"
            let rounds = r.roundSeconds.map { String(format: "%.2f", $0) }.joined(separator: ", ")
            lines.append("rounds: \(r.nodes) nodes × \(r.model) (\(r.parameters) parameters), \(r.rounds) rounds: [\(rounds)] s; "
                + String(format: "%.3f rounds/s", r.roundsPerSecond))
            lines.append(String(format: "  latency p50 %.2f ms, p99 %.2f ms", r.latency.all.p50, r.latency.all.p99)
                + "; server peak RSS \(mib(r.serverPeakRSSBytes)) — \(ok) the < 10 s round target")
            lines.append("  accepted per round: \(r.accepted.map(String.init).joined(separator: ", "))")
            let kib = { (bytes: [Int]) in bytes.map { String(format: "%.0f", Double($0) / 1_024) }.joined(separator: ", ") }
            lines.append("  uplink \(r.uplinkCodec)\(r.errorFeedback ? " + error feedback" : ""), downlink \(r.downlinkCodec): "
                + "up [\(kib(r.uploadBytes))] KiB, down [\(kib(r.downloadBytes))] KiB per round")
            if !r.serverCPUSeconds.isEmpty {
                let cpu = r.serverCPUSeconds.map { String(format: "%.2f", $0) }.joined(separator: ", ")
                lines.append("  server CPU per round (rounds 2…): [\(cpu)] s")
            }
        }
        return lines.joined(separator: "\n")
    }
}
