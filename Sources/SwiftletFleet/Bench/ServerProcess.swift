import Foundation

/// A `swiftlet-fleet server` child process, so the benchmark measures the server's memory apart from the
/// nodes'.
public final class ServerProcess: @unchecked Sendable {
    // @unchecked: `process` is only touched by the owner's start/stop calls; Process is thread-safe for these.
    private let process = Process()
    /// The port the server listens on, once started.
    public private(set) var port = 0
    private let portFile: URL

    /// Launches `executable server --config <config> --port 0` with `arguments` appended, in `directory`.
    public init(executable: String, config: URL, directory: URL, arguments: [String] = []) throws {
        portFile = directory.appendingPathComponent("port-\(UUID().uuidString)")
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["server", "--config", config.path, "--port", "0", "--port-file", portFile.path,
                             "--log-level", "warning"] + arguments
        process.currentDirectoryURL = directory
        process.standardOutput = FileHandle.nullDevice
        try process.run()
    }

    /// The child's process id.
    public var pid: Int32 { process.processIdentifier }

    /// Waits (polling the port file, up to `timeout`) until the server listens.
    /// - Throws: ``FleetBenchmarkError/server(_:)`` when it exits or does not listen in time.
    public func waitUntilListening(timeout: Duration = .seconds(120)) async throws {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        while clock.now < deadline {
            if let text = try? String(contentsOf: portFile, encoding: .utf8), let value = Int(text.trimmingCharacters(in: .whitespacesAndNewlines)) {
                port = value
                return
            }
            guard process.isRunning else { throw FleetBenchmarkError.server("exited with status \(process.terminationStatus) before listening") }
            // The child announces its port only by writing the port file.
            try await Task.sleep(for: .milliseconds(50))
        }
        throw FleetBenchmarkError.server("did not listen within \(timeout)")
    }

    /// Resident and peak resident memory in bytes, from /proc (Linux); nil elsewhere or after exit.
    public func memory() -> (resident: Int, peak: Int)? { ProcessStats.memory(of: pid) }

    /// CPU time the child has used (user + system), seconds, from /proc (Linux); nil elsewhere or after exit.
    public func cpuSeconds() -> Double? { ProcessStats.cpuSeconds(of: pid) }

    /// Whether the child still runs.
    public var isRunning: Bool { process.isRunning }

    /// Asks the server to stop (SIGTERM), waiting up to `timeout` before killing it.
    public func stop(timeout: Duration = .seconds(20)) async {
        guard process.isRunning else { return }
        process.terminate()
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        // Foundation's Process offers no awaitable exit: poll it, bounded by the timeout.
        while process.isRunning, clock.now < deadline { try? await Task.sleep(for: .milliseconds(50)) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        try? FileManager.default.removeItem(at: portFile)
    }
}

/// Why the fleet benchmark could not complete.
public enum FleetBenchmarkError: Error, Sendable, CustomStringConvertible {
    /// The server child process failed.
    case server(String)
    /// Nodes did not reach the state the phase needs.
    case nodes(String)
    /// The Flower peer (its SuperLink, `flwr run` or ServerApp) failed.
    case flower(String)

    /// A human-readable message.
    public var description: String {
        switch self {
        case .server(let reason): "fleet benchmark: the server \(reason)"
        case .nodes(let reason): "fleet benchmark: \(reason)"
        case .flower(let reason): "fleet benchmark, Flower peer: \(reason)"
        }
    }
}
