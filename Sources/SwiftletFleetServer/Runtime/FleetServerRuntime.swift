import Logging
import SwiftletFederated

/// Runs a federation over the fleet: the same strategies and ``RoundEngine`` as the simulator, with every
/// node a ``RemoteNodeClient`` behind the fleet protocol, and the run's progress durable in the fleet store.
///
/// `run()` resumes the unfinished run named ``FleetRunSettings/runName`` from its latest checkpoint, or
/// creates it; follows the fleet's nodes into the engine; saves a checkpoint after every round; and marks the
/// run finished at the end, so nodes polling GetRun learn it is over. A server killed at any point and
/// started again re-runs the interrupted round against the same messages: no node trains twice for one
/// instruction, and no reply counts twice.
///
/// Time comes from the injected clock (deadlines, node grace); the fleet's wall time from the service.
public actor FleetServerRuntime<S: Strategy, C: Clock> where C.Duration == Duration {
    /// Where the runtime is in its life.
    public enum State: Sendable, Equatable {
        /// Created, not started.
        case idle
        /// Opening the run, or waiting for enough nodes to be online.
        case waitingForNodes
        /// Running training round `round`.
        case running(round: Int)
        /// The run ended: all rounds ran, or a stop condition was met.
        case finished
        /// The run failed, with the reason.
        case failed(String)
        /// Cancelled or stopped; resumable unless ``stop()`` asked for it to end.
        case stopped
    }

    /// The current state.
    public internal(set) var state: State = .idle
    /// The run's id, once opened.
    public internal(set) var runID: UInt64?
    let service: FleetService
    let strategy: S
    let config: FederationConfig
    let settings: FleetRunSettings
    let clock: C
    let logger: Logger
    let attempts = AttemptTracker()
    /// Instruction content deflated once per round and shared by every node's message.
    let contentCache = InstructionContentCache()
    /// The compressed downlink's state, once the run is open (with ``FleetRunSettings/downlink`` only).
    var downlinkCoder: DownlinkCoder?
    let metrics = RuntimeMetrics()
    var engine: RoundEngine<S, C>?
    /// The nodes in the engine: whether each is available, and a generation that invalidates grace timers.
    var members: [UInt64: (online: Bool, generation: Int)] = [:]
    var stopRequested = false
    var stopSignal: AsyncStream<Void>.Continuation?
    var subscribers: [Int: AsyncStream<FederationEvent>.Continuation] = [:]
    var nextSubscriber = 0

    /// Creates a runtime.
    /// - Parameters:
    ///   - service: the fleet service the nodes talk to.
    ///   - strategy: the strategy; it must have initial parameters (remote nodes are not asked for theirs).
    ///   - config: the round engine's configuration; its `roundPreparation` and `roundCompletion` hooks are
    ///     kept and called before the runtime's own.
    ///   - settings: the run's name and how instructions travel.
    ///   - clock: the engine's clock: deadlines and node grace.
    ///   - logger: where round, node and resume events are logged.
    public init(service: FleetService, strategy: S, config: FederationConfig, settings: FleetRunSettings, clock: C,
                logger: Logger = Logger(label: "swiftlet.fleet.runtime")) {
        self.service = service
        self.strategy = strategy
        self.config = config
        self.settings = settings
        self.clock = clock
        self.logger = logger
    }

    /// A stream of the engine's events from now on; it finishes when `run()` returns.
    public func events() -> AsyncStream<FederationEvent> {
        let (stream, continuation) = AsyncStream<FederationEvent>.makeStream()
        switch state {
        case .finished, .failed, .stopped:
            // The run is over: nothing more will happen.
            continuation.finish()
            return stream
        case .idle, .waitingForNodes, .running:
            break
        }
        let key = nextSubscriber
        nextSubscriber += 1
        subscribers[key] = continuation
        continuation.onTermination = { _ in Task { await self.dropSubscriber(key) } }
        return stream
    }

    func dropSubscriber(_ key: Int) { subscribers[key] = nil }

    /// Stops the run for good: the round in flight is cancelled, and the run is marked finished with
    /// sub-status `stopped` (cancelling the task running `run()` instead leaves the run resumable).
    public func stop() {
        stopRequested = true
        stopSignal?.yield()
    }

    /// Opens the run: the unfinished one with the configured name and its latest checkpoint, or a new one.
    func openRun() async throws(FleetRuntimeError) -> (run: UInt64, checkpoint: EngineCheckpoint?) {
        let runs: [StoredRun]
        do { runs = try await service.runs(named: settings.runName) } catch { throw .store(error) }
        guard let open = runs.last(where: { $0.status != "finished" }) else {
            if let finished = runs.last { throw .runAlreadyFinished(name: settings.runName, run: finished.id) }
            let id: UInt64
            do { id = try await service.createRun(name: settings.runName) } catch { throw .store(error) }
            logger.info("created run", metadata: ["run": "\(id)", "name": "\(settings.runName)"])
            return (id, nil)
        }
        let stored: StoredCheckpoint?
        do { stored = try await service.latestCheckpoint(run: open.id) } catch { throw .store(error) }
        guard let stored else {
            logger.info("resuming run from the start", metadata: ["run": "\(open.id)", "name": "\(settings.runName)"])
            return (open.id, nil)
        }
        do {
            let checkpoint = try EngineCheckpoint(decoding: stored.blob)
            logger.info("resuming run", metadata: ["run": "\(open.id)", "name": "\(settings.runName)",
                                                    "completedRound": "\(checkpoint.round)", "nextRound": "\(checkpoint.round + 1)"])
            return (open.id, checkpoint)
        } catch {
            throw .unreadableCheckpoint(run: open.id, round: stored.round, reason: error.description)
        }
    }

    /// Records how the run ended in the store; a store failure is logged, since the run's result stands.
    func finish(_ run: UInt64, _ outcome: RunOutcome) async {
        do {
            try await service.finishRun(run, outcome: outcome)
            logger.info("run finished", metadata: ["run": "\(run)", "subStatus": "\(outcome.subStatus.rawValue)",
                                                   "details": "\(outcome.details)"])
        } catch {
            logger.error("cannot mark the run finished", metadata: ["run": "\(run)", "error": "\(error)"])
        }
    }
}
