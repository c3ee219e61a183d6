import Foundation
import SwiftletFederated
import SwiftletFleetProtocol
@testable import SwiftletFleetServer

/// A fleet service over a SQLite file and a FedAvg runtime on a two-value model, with three simulated nodes.
///
/// The nodes answer "global + delta" with known example counts, so every aggregate is computable by hand and
/// exact in float32: with all three, FedAvg adds (2, 2) per round; without C, it adds (2, 0).
struct RuntimeHarness {
    let path: String
    let store: SQLiteFleetStore
    let service: FleetService
    let clock: ManualClock
    let runtime: FleetServerRuntime<FedAvg, ManualClock>
    let recorder = EventRecorder()
    var nodes: [SimulatedNode] = []

    static let timeout = Duration.seconds(60)
    /// Each node's (delta, example count).
    static let updates: [(delta: [Float], examples: Int)] = [([4, 0], 1), ([0, 0], 1), ([2, 4], 2)]

    /// A harness on a fresh temporary file.
    static func fresh(rounds: Int, minimumResults: Int = 2, wall: DrivenClock? = nil,
                      nodeGrace: Duration = .seconds(60), uplink: UplinkCompression? = nil,
                      downlink: String? = nil) async throws -> RuntimeHarness {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("runtime-\(UUID().uuidString).sqlite").path
        var harness = try await RuntimeHarness(path: path, rounds: rounds, minimumResults: minimumResults, wall: wall,
                                               nodeGrace: nodeGrace, uplink: uplink, downlink: downlink)
        for seed: UInt8 in [11, 12, 13] { harness.nodes.append(try await SimulatedNode.online(harness.service, seed: seed)) }
        // Node ids come from the service's seeded generator; order the nodes by id so A, B, C are stable.
        harness.nodes.sort { $0.id < $1.id }
        return harness
    }

    /// A harness over the database at `path` (a restarted server).
    /// - Parameter wallTime: the service's fixed wall time; a restarted server gets a later one, so a message
    ///   it created anew would get a new id.
    /// - Parameter wall: a movable wall clock instead (for heartbeat expiry).
    init(path: String, rounds: Int, minimumResults: Int = 2, nodes: [SimulatedNode] = [],
         wallTime: Double = 1_800_000_000, wall: DrivenClock? = nil, nodeGrace: Duration = .seconds(60),
         uplink: UplinkCompression? = nil, downlink: String? = nil) async throws {
        self.path = path
        store = try SQLiteFleetStore(path: path)
        let fixed = Date(timeIntervalSince1970: wallTime)
        service = FleetService(store: store, now: { wall?.now ?? fixed })
        clock = ManualClock()
        var options = StrategyOptions()
        options.initialParameters = try ArrayRecord(specs: [ArraySpec(name: "w", shape: [2])], values: [0, 0])
        options.fitSampling = SamplingPolicy(fraction: 1, minimum: 2, minimumAvailable: 3)
        let config = FederationConfig(rounds: rounds, roundTimeout: Self.timeout, minimumResults: minimumResults,
                                      onFailure: .stop, evaluateEvery: 0, centralEvaluateEvery: 0, seed: 7)
        runtime = FleetServerRuntime(service: service, strategy: FedAvg(options: options), config: config,
                                     settings: FleetRunSettings(runName: "harness", nodeGrace: nodeGrace, uplink: uplink,
                                                               downlink: downlink),
                                     clock: clock)
        self.nodes = nodes.map { $0.reconnected(to: service) }
        _ = recorder.record(await runtime.events())
    }

    /// Starts the runtime in a task.
    func start() -> Task<FederationResult, any Error> {
        let runtime = self.runtime
        return Task { try await runtime.run() }
    }

    /// Every node pulls its instruction and trains with its update.
    func trainAll() async throws {
        for (node, update) in zip(nodes, Self.updates) {
            try await node.pullAndTrain(delta: update.delta, examples: update.examples)
        }
    }

    /// Deletes the database files.
    func remove() {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }
}
