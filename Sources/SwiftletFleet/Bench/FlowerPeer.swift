import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Flower's side of the benchmark's same-run comparison: a `flower-superlink` child process (flwr 1.40, state in
/// memory, its default) and the FedAvg ServerApp of `bench/peers/flower_fleet_app`, submitted to it with
/// `flwr run`.
///
/// The SuperLink serves its Fleet, Control and ServerAppIo APIs on one loopback port and runs the ServerApp in
/// a subprocess of its own; ``treeResident()`` and ``treeCPUSeconds()`` count both. The ServerApp appends each
/// round's duration to ``recordFile`` as a JSON line (see the app's `server_app.py`).
final class FlowerPeer: @unchecked Sendable {
    // @unchecked: `superlink` is only touched by the owner's start/stop calls; Process is thread-safe for these.
    private let superlink = Process()
    /// The loopback port of every SuperLink API.
    let port: Int
    /// Where the round lines go.
    let recordFile: URL
    private let bin: URL
    private let work: URL
    private let environment: [String: String]

    /// One training round as the ServerApp timed it.
    struct Round: Decodable, Sendable {
        var round: Int
        /// `configure_train` called → `aggregate_train` returned.
        var seconds: Double
        var replies: Int
        var errors: Int
        var aggregated: Bool
    }

    /// Starts `bin/flower-superlink` on a free loopback port, logging to `work/superlink.log`.
    /// - Throws: ``FleetBenchmarkError/flower(_:)`` when `bin` lacks `flower-superlink` or `flwr`.
    init(bin: URL, work: URL) throws {
        for tool in ["flower-superlink", "flwr"] where !FileManager.default.isExecutableFile(atPath: bin.appendingPathComponent(tool).path) {
            throw FleetBenchmarkError.flower("\(bin.path) has no \(tool): give --flower-bin the bin directory of a venv with flwr==1.40.0")
        }
        self.bin = bin
        self.work = work
        try? FileManager.default.removeItem(at: work)
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        port = try Self.freeLoopbackPort()
        recordFile = work.appendingPathComponent("rounds.jsonl")
        var environment = ProcessInfo.processInfo.environment
        // Loopback only: Flower's processes report telemetry and check PyPI for updates unless told not to.
        environment["FLWR_TELEMETRY_ENABLED"] = "0"
        environment["FLWR_DISABLE_UPDATE_CHECK"] = "1"
        environment["FLWR_HOME"] = work.appendingPathComponent("flwr-home").path
        // The SuperLink starts the ServerApp as `flwr-serverapp`, found on PATH.
        environment["PATH"] = bin.path + ":" + (environment["PATH"] ?? "/usr/bin:/bin")
        self.environment = environment
        try FileManager.default.createDirectory(at: work.appendingPathComponent("flwr-home"), withIntermediateDirectories: true)
        try "[superlink]\ndefault = \"bench\"\n\n[superlink.bench]\naddress = \"127.0.0.1:\(port)\"\ninsecure = true\n"
            .write(to: work.appendingPathComponent("flwr-home/config.toml"), atomically: true, encoding: .utf8)
        try launch(superlink, "flower-superlink", ["--insecure", "--host", "127.0.0.1", "--port", String(port),
                                                   "--disable-runtime-dependency-installation"], log: "superlink.log")
    }

    /// Runs `bin/tool` with `arguments` as `process`, in the work directory, output to `work/log`.
    private func launch(_ process: Process, _ tool: String, _ arguments: [String], log: String) throws {
        process.executableURL = bin.appendingPathComponent(tool)
        process.arguments = arguments
        process.environment = environment
        process.currentDirectoryURL = work
        let file = work.appendingPathComponent(log)
        // A file that cannot be created fails the FileHandle below, naming it.
        _ = FileManager.default.createFile(atPath: file.path, contents: nil)
        let handle = try FileHandle(forWritingTo: file)
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
    }

    /// The SuperLink's process id.
    var pid: Int32 { superlink.processIdentifier }

    /// Whether the SuperLink still runs.
    var isRunning: Bool { superlink.isRunning }

    /// Waits until the SuperLink accepts connections (Python and its imports take seconds to start).
    func waitUntilListening(timeout: Duration = .seconds(120)) async throws {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        while clock.now < deadline {
            if Self.accepts(port: port) { return }
            guard superlink.isRunning else {
                throw FleetBenchmarkError.flower("flower-superlink exited with status \(superlink.terminationStatus); see \(work.path)/superlink.log")
            }
            // A connection attempt is the only readiness signal the SuperLink gives.
            try await Task.sleep(for: .milliseconds(250))
        }
        throw FleetBenchmarkError.flower("flower-superlink did not listen on port \(port) within \(timeout)")
    }

    /// Submits the app at `app` with `flwr run`: `rounds` FedAvg rounds over `nodes` nodes. Returns once `flwr`
    /// has handed the run to the SuperLink, which starts the ServerApp.
    func submit(app: URL, nodes: Int, rounds: Int, timeout: Duration = .seconds(120)) async throws {
        let flwr = Process()
        try launch(flwr, "flwr", ["run", app.path, "bench", "--run-config",
                                  "record-file='\(recordFile.path)' num-server-rounds=\(rounds) nodes=\(nodes)"], log: "flwr-run.log")
        let log = work.appendingPathComponent("flwr-run.log")
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        // Foundation's Process offers no awaitable exit: poll it, bounded by the timeout.
        while flwr.isRunning, clock.now < deadline { try await Task.sleep(for: .milliseconds(100)) }
        if flwr.isRunning {
            flwr.terminate()
            throw FleetBenchmarkError.flower("flwr run did not return within \(timeout); see \(log.path)")
        }
        guard flwr.terminationStatus == 0 else {
            throw FleetBenchmarkError.flower("flwr run exited with status \(flwr.terminationStatus); see \(log.path)")
        }
    }

    /// The rounds the ServerApp has finished so far, and whether it has finished the run.
    func progress() -> (rounds: [Round], done: Bool) {
        Self.parseRecord((try? String(contentsOf: recordFile, encoding: .utf8)) ?? "")
    }

    /// The rounds in the ServerApp's record `text`, and whether it holds the final `{"done": true}` line. A line
    /// still being written (not valid JSON yet) is skipped; the next read sees it whole.
    static func parseRecord(_ text: String) -> (rounds: [Round], done: Bool) {
        var rounds: [Round] = []
        var done = false
        let decoder = JSONDecoder()
        for line in text.split(separator: "\n") {
            if let round = try? decoder.decode(Round.self, from: Data(line.utf8)) {
                rounds.append(round)
            } else if let end = try? decoder.decode([String: Bool].self, from: Data(line.utf8)), end["done"] == true {
                done = true
            }
        }
        return (rounds, done)
    }

    /// Resident memory of the SuperLink and the ServerApp it runs, together, bytes.
    func treeResident() -> Int? { ProcessStats.treeResident(of: pid) }

    /// CPU time of the SuperLink and the ServerApp it runs, together, seconds.
    func treeCPUSeconds() -> Double? { ProcessStats.treeCPUSeconds(of: pid) }

    /// Stops the SuperLink and everything it started: SIGTERM, then SIGKILL for what is left after `timeout`.
    func stop(timeout: Duration = .seconds(10)) async {
        guard superlink.processIdentifier > 0 else { return }
        let processes = ProcessStats.tree(of: pid)
        for process in processes.reversed() { kill(process, SIGTERM) }
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        // Foundation's Process offers no awaitable exit: poll it, bounded by the timeout.
        while superlink.isRunning, clock.now < deadline { try? await Task.sleep(for: .milliseconds(100)) }
        for process in processes.dropFirst() where kill(process, 0) == 0 { kill(process, SIGKILL) }
        if superlink.isRunning { kill(pid, SIGKILL) }
        superlink.waitUntilExit()
    }

    /// A loopback port nothing listens on now (the kernel's pick for port 0).
    static func freeLoopbackPort() throws -> Int {
        #if canImport(Glibc)
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw FleetBenchmarkError.flower("cannot open a socket to find a free port") }
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socket, $0, length) == 0 && getsockname(socket, $0, &length) == 0 }
        }
        guard bound else { throw FleetBenchmarkError.flower("cannot bind a loopback socket to find a free port") }
        return Int(UInt16(bigEndian: address.sin_port))
        #else
        throw FleetBenchmarkError.flower("the Flower peer runs on Linux only")
        #endif
    }

    /// Whether something accepts TCP connections on loopback `port`.
    static func accepts(port: Int) -> Bool {
        #if canImport(Glibc)
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { return false }
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(port).bigEndian
        return withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
        #else
        return false
        #endif
    }
}
