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
            lines.append(String(format: "  server listening after %.2f s (experiment loaded, spare object files written)", r.serverStartSeconds))
            lines += details(accepted: r.accepted, traffic: "uplink \(r.uplinkCodec)\(r.errorFeedback ? " + error feedback" : ""), "
                             + "downlink \(r.downlinkCodec): ", up: r.uploadBytes, down: r.downloadBytes,
                             cpu: r.serverCPUSeconds, cpuOf: "server")
        }
        if let f = report.flower {
            let rounds = f.roundSeconds.map { String(format: "%.2f", $0) }.joined(separator: ", ")
            lines.append("flower peer (\(f.peer)), the same \(f.nodes) nodes in Flower mode, \(f.rounds) rounds: [\(rounds)] s; "
                + String(format: "%.3f rounds/s", f.roundsPerSecond))
            lines.append(String(format: "  latency p50 %.2f ms, p99 %.2f ms", f.latency.all.p50, f.latency.all.p99)
                + "; SuperLink + ServerApp peak RSS \(mib(f.peakRSSBytes))")
            lines += details(accepted: f.accepted, traffic: "", up: f.uploadBytes, down: f.downloadBytes,
                             cpu: f.cpuSeconds, cpuOf: "SuperLink + ServerApp")
            if f.errorReplies.contains(where: { $0 > 0 }) {
                lines.append("  error replies per round: \(f.errorReplies.map(String.init).joined(separator: ", ")) "
                             + "(reasons in the ServerApp's record, flower/rounds.jsonl)")
            }
            var ratios: [String] = []
            if let ratio = f.roundTimeRatio { ratios.append(String(format: "round time %.1f×", ratio)) }
            if let ratio = f.cpuRatio { ratios.append(String(format: "server CPU per round %.1f×", ratio)) }
            if !ratios.isEmpty { lines.append("  Flower over Swiftlet, same run: " + ratios.joined(separator: ", ")) }
        }
        return lines.joined(separator: "\n")
    }

    /// A rounds phase's accepted counts, object traffic and CPU per round, one line each.
    private static func details(accepted: [Int], traffic: String, up: [Int], down: [Int], cpu: [Double],
                                cpuOf: String) -> [String] {
        let kib = { (bytes: [Int]) in bytes.map { String(format: "%.0f", Double($0) / 1_024) }.joined(separator: ", ") }
        var lines = ["  accepted per round: \(accepted.map(String.init).joined(separator: ", "))",
                     "  \(traffic)up [\(kib(up))] KiB, down [\(kib(down))] KiB per round"]
        if !cpu.isEmpty {
            lines.append("  \(cpuOf) CPU per round: [\(cpu.map { String(format: "%.2f", $0) }.joined(separator: ", "))] s")
        }
        return lines
    }
}
