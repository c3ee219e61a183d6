import SwiftletTensor

/// Runs a federation: samples nodes, sends instructions, validates and aggregates results under deadlines.
///
/// The heart of Swiftlet, shared by the simulator and the network server, and independent of any transport:
/// nodes join with a ``Client`` that reaches them. Each round samples nodes with a seeded generator, sends
/// the strategy's instructions, and waits until every sampled node has answered or the deadline passes.
/// Every result is validated (``UpdateValidator`` plus the strategy's own check) before it is folded into
/// the aggregate; refused, failed, timed-out and late results are recorded with their reasons, and the round
/// goes on. A round with fewer accepted results than the minimum fails, and ``FederationConfig/onFailure``
/// decides whether to retry, stop or skip — a round never hangs.
///
/// Time comes from the injected clock: `ContinuousClock` in production, ``ManualClock`` in tests and
/// simulations. The engine is an actor with an explicit ``Phase``.
public actor RoundEngine<S: Strategy, C: Clock> where C.Duration == Duration {
    /// Where the engine is in its life.
    public enum Phase: Sendable, Equatable {
        /// Created, not started.
        case idle
        /// Waiting for enough nodes to be available for `round`.
        case waitingForNodes(round: Int)
        /// Training round `round`, attempt `attempt`.
        case training(round: Int, attempt: Int)
        /// Evaluating after round `round`.
        case evaluating(round: Int)
        /// Done.
        case finished(StopReason)
    }

    /// The current phase.
    public internal(set) var phase: Phase = .idle
    /// The strategy, with whatever state it has accumulated.
    public internal(set) var strategy: S
    /// The configuration.
    public let config: FederationConfig
    let clock: C
    var registry = NodeRegistry()
    let hub = EventHub()
    /// The rounds so far.
    public internal(set) var history = History()
    /// The current global model (`nil` before the run has initialised it).
    public internal(set) var parameters: ArrayRecord?
    var startInstant: C.Instant?
    var registryChanges: AsyncStream<Void>.Continuation?
    /// Late results that arrived before their round's record was written.
    var pendingLate: [(round: Int, attempt: Int, node: NodeID)] = []

    /// Creates an engine running `strategy` with `config`, timed by `clock`.
    public init(strategy: S, config: FederationConfig = FederationConfig(), clock: C) {
        self.strategy = strategy
        self.config = config
        self.clock = clock
    }

    /// A stream of everything that happens from now on; it finishes when the run ends.
    public nonisolated func events() -> AsyncStream<FederationEvent> { hub.subscribe() }

    /// Registers `node`, reached through `client`, as available.
    public func join(_ node: NodeID, client: any Client) {
        registry.join(node, client: client)
        registryChanges?.yield()
    }

    /// Removes `node`; a call already in flight to it still counts if it answers in time.
    public func leave(_ node: NodeID) {
        registry.leave(node)
        registryChanges?.yield()
    }

    /// Marks `node` available or unavailable for sampling.
    public func setAvailability(_ node: NodeID, available: Bool) {
        registry.setAvailable(node, available)
        registryChanges?.yield()
    }

    /// The nodes available now, sorted by id.
    public var availableNodes: [NodeID] { registry.availableNodes }

    /// Seconds of the engine's clock since the run started.
    func elapsedSeconds() -> Double {
        guard let startInstant else { return 0 }
        return Self.seconds(startInstant.duration(to: clock.now))
    }

    static func seconds(_ duration: Duration) -> Double {
        let (s, attoseconds) = duration.components
        return Double(s) + Double(attoseconds) * 1e-18
    }

    /// Appends `record` to the history, merging late results that came in early, and announces it.
    func finishRecord(_ record: RoundRecord) {
        var record = record
        let early = pendingLate.filter { $0.round == record.round && $0.attempt == record.attempt }
        pendingLate.removeAll { $0.round == record.round && $0.attempt == record.attempt }
        record.late += early.map(\.node)
        history.records.append(record)
        hub.emit(.roundFinished(record))
    }

    /// A callback that records late results for `round`/`attempt` from any task.
    nonisolated func lateRecorder(_ round: Int, _ attempt: Int) -> @Sendable (NodeID) -> Void {
        { node in Task { await self.recordLate(round: round, attempt: attempt, node: node) } }
    }

    /// Records a result that arrived after its round's deadline.
    func recordLate(round: Int, attempt: Int, node: NodeID) {
        if let index = history.records.lastIndex(where: { $0.round == round && $0.attempt == attempt }) {
            history.records[index].late.append(node)
        } else {
            pendingLate.append((round, attempt, node))
        }
        hub.emit(.resultLate(round: round, node: node))
    }
}

extension RoundEngine where C == ContinuousClock {
    /// Creates an engine timed by the wall clock.
    public init(strategy: S, config: FederationConfig = FederationConfig()) {
        self.init(strategy: strategy, config: config, clock: ContinuousClock())
    }
}
