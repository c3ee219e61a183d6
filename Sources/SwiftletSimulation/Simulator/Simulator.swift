import Synchronization
import SwiftletFederated
import SwiftletNN
import SwiftletTensor

/// Runs a federated simulation: thousands of virtual devices on one machine, on a simulated clock.
///
/// The simulator is the ``SwiftletFederated/RoundEngine`` — the same one the network server runs — on a
/// ``SwiftletFederated/ManualClock``, with every node a ``SimulatedDevice``: a ``VirtualClient`` (data
/// plus a seed, training on a model borrowed from a ``ModelWorkerPool``) on a ``DeviceProfile``.
///
/// Time is discrete-event. Each sampled device works out its round — download, compute, upload over its
/// link, from the real encoded sizes — and sleeps on the clock until its update arrives; devices that
/// cannot make the deadline (or go offline, or run flat) never answer and the engine times them out, as
/// a real server would. A driver watches the engine's events and, once every in-flight device is asleep,
/// jumps the clock to the next arrival. So a round lasts as long as its slowest accepted device, or until
/// the deadline when a sampled device never reported, and nothing depends on wall-clock speed or the
/// number of workers: a seed fixes the history bit for bit.
///
/// Before each round attempt the simulator updates availability on the simulated clock — probability
/// draws, trace windows, empty batteries — so the engine samples only devices that are online.
public enum Simulator {
    /// Runs `strategy` over `setup`'s devices, calling `onRound` with each round's record as it finishes.
    ///
    /// - Throws: ``SimulationError`` for an inconsistent setup, a model that cannot be built, or an engine
    ///   that refuses its configuration.
    public static func run<S: Strategy>(
        _ strategy: S, setup: SimulationSetup, onRound: @escaping @Sendable (SimulationRecord) -> Void = { _ in }
    ) async throws(SimulationError) -> SimulationResult {
        guard !setup.clients.isEmpty else { throw .invalidSetup("no clients") }
        guard Set(setup.clients.map(\.node)).count == setup.clients.count else {
            throw .invalidSetup("node ids must be distinct")
        }
        guard setup.federation.roundTimeout > .zero else { throw .invalidSetup("the round deadline must be positive") }
        let costModel: Sequential
        let workers: ModelWorkerPool
        do {
            costModel = try setup.makeModel(setup.federation.seed)
            let count = setup.workers > 0 ? setup.workers : ComputePool.availableCores
            let make = setup.makeModel
            workers = try ModelWorkerPool(workers: count) { try make(0) }
        } catch {
            throw .model("\(error)")
        }

        let clock = ManualClock()
        var batteries: [NodeID: Battery] = [:]
        var dynamic: [(NodeID, Availability)] = []
        for spec in setup.clients {
            if let battery = spec.device.battery { batteries[spec.node] = battery }
            if spec.device.availability != .always || spec.device.battery != nil {
                dynamic.append((spec.node, spec.device.availability))
            }
        }
        let runtime = SimulationRuntime(
            clock: clock, deadline: SimulationRuntime.seconds(setup.federation.roundTimeout), seed: setup.federation.seed,
            uplinkCodec: setup.uplinkCodec, downlinkCodec: setup.downlinkCodec,
            errorFeedback: setup.errorFeedback, energies: setup.energies,
            costModel: costModel, batteries: batteries)

        var federation = setup.federation
        federation.roundPreparation = availabilityUpdates(dynamic: dynamic, runtime: runtime)
        let engine = RoundEngine(strategy: strategy, config: federation, clock: clock)
        let state = ClientStateStore()
        for spec in setup.clients {
            let client = VirtualClient(node: spec.node, training: spec.training, test: spec.test, seed: spec.seed,
                                       workers: workers, state: state)
            await engine.join(spec.node, client: SimulatedDevice(client: client, profile: spec.device, runtime: runtime))
        }

        let events = engine.events()
        async let outcome = Self.result(of: engine)
        var driver = ClockDriver(clock: clock, roundTimeout: federation.roundTimeout)
        var records: [SimulationRecord] = []
        for await event in events {
            await driver.handle(event)
            guard case .roundFinished(let round) = event else { continue }
            let ledger = runtime.takeLedger(.init(round: round.round, attempt: round.attempt))
            let record = SimulationRecord(round: round, devices: devices(of: round, ledger: ledger))
            records.append(record)
            onRound(record)
        }
        switch await outcome {
        case .success(let result):
            return SimulationResult(records: records, parameters: result.parameters, stopReason: result.stopReason)
        case .failure(let error):
            throw .federation(error)
        }
    }

    private static func result<S: Strategy, C: Clock>(of engine: RoundEngine<S, C>) async -> Result<FederationResult, FederationError> {
        do throws(FederationError) { return .success(try await engine.run()) } catch { return .failure(error) }
    }

    /// The sampled devices' records in sampling order, with validation's verdict applied.
    static func devices(of round: RoundRecord, ledger: [NodeID: DeviceRoundRecord]) -> [DeviceRoundRecord] {
        let rejected = Set(round.rejected.map(\.node))
        return round.sampled.compactMap { node in
            guard var record = ledger[node] else { return nil }
            if record.outcome == .accepted, rejected.contains(node) { record.outcome = .rejected }
            return record
        }
    }

    /// Before each round attempt: marks devices online or offline at the simulated time — a fresh
    /// probability draw per (node, round, attempt), the trace window at that instant, and never again once
    /// the battery is empty — returning only the changes.
    static func availabilityUpdates(dynamic: [(NodeID, Availability)], runtime: SimulationRuntime) -> RoundPreparation {
        let online = Mutex([NodeID: Bool]())
        let seed = runtime.seed
        return { round, attempt, seconds in
            runtime.current = .init(round: round, attempt: attempt)
            var changes: [(NodeID, Bool)] = []
            online.withLock { online in
                for (node, availability) in dynamic {
                    var generator = SeededGenerator(seed: seed).split(stream: node.rawValue)
                        .split(stream: 1 << 40 | UInt64(round) << 16 | UInt64(attempt & 0xFFFF))
                    let now = !runtime.isDepleted(node) && availability.isOnline(at: seconds, generator: &generator)
                    if online[node] ?? true != now { changes.append((node, now)) }
                    online[node] = now
                }
            }
            return changes
        }
    }
}
