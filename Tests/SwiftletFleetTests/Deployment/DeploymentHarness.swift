import Foundation
import Logging
import Synchronization
import SwiftletFederated
import SwiftletFleet
import SwiftletFleetNode
import SwiftletFleetProtocol
import SwiftletSimulation
import Testing

/// A real fleet server and real nodes over loopback, for the deployment tests.
///
/// The experiment is small so a round takes well under a second: the sklearn digits (bundled), an MLP,
/// three IID partitions, one local epoch. Waits are on real I/O, each bounded by a timeout; nothing sleeps
/// to let time pass except the round deadline a test configures on purpose.
struct DeploymentHarness {
    let directory: URL
    var config: FleetServerConfig

    init(rounds: Int, nodes: Int = 3, deadline: Double = 60, minimumResults: Int = 0) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("swiftlet-fleet-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var c = FleetServerConfig()
        c.experiment = try SimulationConfig(toml: """
            seed = 3
            rounds = \(rounds)
            [data]
            dataset = "digits"
            [partition]
            scheme = "iid"
            clients = \(nodes)
            [model]
            preset = "mlp"
            [client]
            local-epochs = 1
            batch-size = 16
            learning-rate = 0.05
            [server]
            per-round = \(nodes)
            minimum-results = \(minimumResults)
            deadline = \(deadline)
            evaluate-every = 1
            """)
        c.deployment.port = 0
        c.deployment.database = directory.appendingPathComponent("fleet.sqlite").path
        c.deployment.results = directory.appendingPathComponent("results").path
        c.deployment.runName = "test"
        config = c
    }

    /// Starts the server; returns its task and its port.
    ///
    /// A server restarted on the port of one that just stopped can find the port still held for a moment
    /// while the old listening socket closes: the start is retried then, for up to 30 s, and any other
    /// failure to start is thrown as it is.
    func startServer(port: Int = 0) async throws -> (task: Task<FederationResult?, any Error>, port: Int) {
        var c = config
        c.deployment.port = port
        var app = FleetServerApp(config: c, logger: Self.quiet("server"))
        app.finishGrace = .milliseconds(1_500)
        let finalApp = app
        var lastError: (any Error)?
        for _ in 0..<60 {
            let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
            let task = Task {
                defer { continuation.finish() }
                return try await finalApp.run { continuation.yield($0); continuation.finish() }
            }
            let bound = try await Self.within(.seconds(60), "the server did not listen") {
                var iterator = ports.makeAsyncIterator()
                return await iterator.next() ?? -1
            }
            if bound >= 0 { return (task, bound) }
            // The server stopped before listening: say why, or retry a port still held by its predecessor.
            do { _ = try await task.value } catch { lastError = error }
            guard port != 0 else { break }
            try await Task.sleep(for: .milliseconds(500))
        }
        throw lastError ?? HarnessTimeout(what: "the server did not listen on port \(port)")
    }

    /// A node for partition `index` that trains through `wrap(client)`.
    func node(_ index: Int, port: Int, secure: (tls: HTTPFleetTransport.TLS, key: NodeKey)? = nil,
              transport wrapTransport: (any FleetTransport) -> any FleetTransport = { $0 },
              client wrap: (ModelClient) -> any Client = { $0 }) throws -> (FleetNode, HTTPFleetTransport) {
        let share = try DevicePartition(config: config.experiment, index: index)
        let key = secure?.key ?? NodeKey.generate(.p256)
        let transport = try HTTPFleetTransport(
            baseURL: secure == nil ? "http://127.0.0.1:\(port)" : "https://localhost:\(port)", tls: secure?.tls,
            signer: secure.map { RequestSigner(key: $0.key) }, requestTimeout: .seconds(30))
        var configuration = FleetNodeConfiguration(
            heartbeatInterval: 10, pollInterval: .milliseconds(20)...(.milliseconds(200)),
            reconnect: ReconnectPolicy(base: .milliseconds(20), cap: .milliseconds(300)),
            arrayEncoding: .swiftletF32LE)
        configuration.deactivateTimeout = .seconds(2)
        let node = FleetNode(transport: wrapTransport(transport), client: wrap(try share.makeClient()),
                             publicKey: key.publicKey.flowerBytes, configuration: configuration,
                             seed: UInt64(index), logger: Self.quiet("node\(index)"))
        return (node, transport)
    }

    /// The same federation through an in-process round engine with the same clients: what the deployment must
    /// produce.
    func reference() async throws -> FederationResult {
        let experiment = try Experiment.build(config.experiment)
        return try await Self.reference(strategy: experiment.strategy, config: config.experiment,
                                         federation: experiment.setup.federation)
    }

    private static func reference<S: Strategy>(strategy: S, config: SimulationConfig,
                                               federation: FederationConfig) async throws -> FederationResult {
        let engine = RoundEngine(strategy: strategy, config: federation)
        for index in 0..<config.partition.clients {
            let client = try DevicePartition(config: config, index: index).makeClient()
            await engine.join(NodeID(UInt64(index + 1)), client: client)
        }
        return try await engine.run()
    }

    /// The largest absolute difference between two models.
    static func maxDifference(_ a: ArrayRecord, _ b: ArrayRecord) -> Float {
        zip(a.values, b.values).reduce(0) { max($0, abs($1.0 - $1.1)) }
    }

    /// Finished rounds written so far by the server.
    func finishedRounds() -> [RoundRecord] {
        let file = URL(fileURLWithPath: config.deployment.results).appendingPathComponent("rounds.jsonl")
        guard let text = try? String(contentsOf: file, encoding: .utf8), let history = try? History(jsonLines: text) else { return [] }
        return history.records.filter { $0.round > 0 }
    }

    static func quiet(_ label: String) -> Logger {
        var logger = Logger(label: "test.\(label)")
        logger.logLevel = .critical
        return logger
    }

    /// Runs `body`, failing if it takes longer than `limit`.
    static func within<T: Sendable>(_ limit: Duration, _ what: String, _ body: @escaping @Sendable () async throws -> T) async throws -> T {
        try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask { try await body() }
            group.addTask { try await Task.sleep(for: limit); return nil }
            let first = try await group.next()!
            group.cancelAll()
            guard let first else { throw HarnessTimeout(what: what) }
            return first
        }
    }

}

struct HarnessTimeout: Error, CustomStringConvertible {
    let what: String
    var description: String { "timed out: \(what)" }
}

/// Wraps a client, counting fits per round and running a hook before each.
final class CountingClient: Client {
    let base: any Client
    let fits = Mutex<[Int: Int]>([:])
    let beforeFit: @Sendable (Int) async throws -> Void

    init(_ base: any Client, beforeFit: @escaping @Sendable (Int) async throws -> Void = { _ in }) {
        self.base = base
        self.beforeFit = beforeFit
    }

    func parameters(config: ConfigRecord) async throws -> ArrayRecord { try await base.parameters(config: config) }

    func fit(_ instruction: FitInstruction) async throws -> FitResult {
        try await beforeFit(instruction.round)
        let result = try await base.fit(instruction)
        fits.withLock { $0[instruction.round, default: 0] += 1 }
        return result
    }

    func evaluate(_ instruction: EvaluateInstruction) async throws -> EvaluateResult { try await base.evaluate(instruction) }

    func count(round: Int) -> Int { fits.withLock { $0[round] ?? 0 } }
}

/// A transport that a test can cut, as when the device's process dies: every call after `cut()` fails.
final class CuttableTransport: FleetTransport {
    let base: any FleetTransport
    let isCut = Mutex(false)

    init(_ base: any FleetTransport) { self.base = base }

    func cut() { isCut.withLock { $0 = true } }

    func send(_ rpc: FleetRPC, body: [UInt8]) async throws(FleetFailure) -> [UInt8] {
        if isCut.withLock({ $0 }) { throw FleetFailure(.unavailable, "\(rpc.rawValue): the device is gone") }
        return try await base.send(rpc, body: body)
    }
}

/// A value shared between a test and the closures it hands out.
final class Shared<Value: Sendable>: Sendable {
    private let storage: Mutex<Value>

    init(_ value: Value) { storage = Mutex(value) }

    var value: Value {
        get { storage.withLock { $0 } }
        set { storage.withLock { $0 = newValue } }
    }

    func update(_ change: (inout Value) -> Void) { storage.withLock { change(&$0) } }
}

/// A one-shot signal between a test and the closures it hands out: `wait()` returns once `open()` was called
/// (at once if it already was), or when the waiting task is cancelled.
final class Gate: Sendable {
    private struct State {
        var open = false
        var next = 0
        var waiters: [Int: CheckedContinuation<Void, Never>] = [:]
    }

    private let state = Mutex(State())

    func open() {
        let waiters = state.withLock { s -> [CheckedContinuation<Void, Never>] in
            s.open = true
            defer { s.waiters = [:] }
            return Array(s.waiters.values)
        }
        for waiter in waiters { waiter.resume() }
    }

    var isOpen: Bool { state.withLock { $0.open } }

    func wait() async {
        let key = state.withLock { s -> Int in
            s.next += 1
            return s.next
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let resumeNow = state.withLock { s -> Bool in
                    if s.open || Task.isCancelled { return true }
                    s.waiters[key] = continuation
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            state.withLock { $0.waiters.removeValue(forKey: key) }?.resume()
        }
    }
}
