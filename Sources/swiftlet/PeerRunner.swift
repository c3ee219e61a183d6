import ArgumentParser
import Foundation

/// One row of a peer script's JSON report.
struct PeerResult: Codable {
    var model: String
    var batch: Int
    var threads: Int
    var samplesPerSecond: Double

    enum CodingKeys: String, CodingKey {
        case model, batch, threads
        case samplesPerSecond = "samples_per_second"
    }
}

/// What a peer script (bench/peers/*.py) reports.
struct PeerReport: Codable {
    var peer: String
    var version: String
    var results: [PeerResult]
}

/// Runs a peer benchmark script from bench/peers with python3 and decodes its JSON report.
enum PeerRunner {
    /// The bench/peers directory: from the current directory, or next to this source tree.
    static func peersDirectory() throws -> URL {
        let candidates = [
            URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent("bench/peers"),
            URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().appendingPathComponent("bench/peers"),
        ]
        guard let found = candidates.first(where: { FileManager.default.fileExists(atPath: $0.path) }) else {
            throw ValidationError("bench/peers not found (looked in \(candidates.map(\.path))); run from the repository root")
        }
        return found
    }

    /// Runs `script` with `arguments` plus `--output <tmp>` and returns the decoded report.
    static func run<Report: Decodable>(
        script: String, arguments: [String], removingEnvironment: [String] = [], as type: Report.Type = PeerReport.self
    ) throws -> Report {
        let directory = try peersDirectory()
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("swiftlet-peer-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: output) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", directory.appendingPathComponent(script).path] + arguments + ["--output", output.path]
        var environment = ProcessInfo.processInfo.environment
        for name in removingEnvironment { environment[name] = nil }
        process.environment = environment
        process.currentDirectoryURL = directory
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw ValidationError("peer script \(script) failed (exit \(process.terminationStatus)); is its Python package installed? (pip install torch numpy)")
        }
        return try JSONDecoder().decode(Report.self, from: Data(contentsOf: output))
    }
}

/// A description of the machine a benchmark ran on.
struct MachineInfo: Codable {
    var cpu: String
    var cores: Int
    var os: String

    static func current() -> MachineInfo {
        let cpuinfo = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
        let model = cpuinfo.split(separator: "\n").first { $0.hasPrefix("model name") }?
            .split(separator: ":", maxSplits: 1).last?.trimmingCharacters(in: .whitespaces) ?? "unknown"
        return MachineInfo(cpu: model, cores: ProcessInfo.processInfo.activeProcessorCount,
                           os: ProcessInfo.processInfo.operatingSystemVersionString)
    }
}
