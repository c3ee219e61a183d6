import Foundation
import Logging
import SwiftletFederated
import SwiftletFleetProtocol
import SwiftletTensor

/// A device in a fleet: joins a Fleet API server, pulls instructions, runs them on the app's ``Client`` and
/// pushes the replies, as Flower 1.40's SuperNode does.
///
/// The flow of ``run()``: RegisterNode (a server that knows the key answers the same id) → ActivateNode → a
/// heartbeat child task → a pull loop. For each instruction the node pulls every object of its tree
/// (children first), verifies them by SHA-256, confirms receipt, maps the content to a `FitInstruction` or
/// `EvaluateInstruction`, calls the client, and pushes the reply and exactly the objects the server asks for.
/// Bad instructions never reach the client: they are answered with a Flower Error message. Transport
/// failures are retried with ``ReconnectPolicy`` backoff; a computed reply is kept until the server accepts
/// it. The node is an actor because the pull loop, the heartbeat task and readers of ``stats`` share it.
///
/// Embedding a node in an app:
/// ```swift
/// let key = NodeKey.generate(.p256)
/// let transport = try HTTPFleetTransport(baseURL: "https://fleet.example:9093", signer: RequestSigner(key: key))
/// let node = FleetNode(transport: transport, client: myClient, key: key)
/// try await node.run()          // returns when the run finishes or the task is cancelled
/// await transport.shutdown()
/// ```
/// Joining a Flower federation instead (a SuperLink of flwr ≥ 1.40, its Fleet API URL):
/// ```swift
/// let transport = try HTTPFleetTransport(baseURL: "https://superlink.example:9092", signer: RequestSigner(key: key))
/// let node = FleetNode(transport: transport, client: myClient, key: key, configuration: .flower)
/// ```
public actor FleetNode {
    /// The node's current state.
    public internal(set) var state: State = .idle
    /// Counters of what the node has done.
    public internal(set) var stats = FleetNodeStats()
    /// The node id the server gave, once joined.
    public internal(set) var nodeID: UInt64?

    let transport: any FleetTransport
    let client: any Client
    let publicKey: [UInt8]
    let configuration: FleetNodeConfiguration
    let clock: any Clock<Duration>
    let now: @Sendable () -> Date
    let logger: Logger
    var generator: SeededGenerator
    /// Runs the node answered instructions of; checked for `finished` when idle.
    var runs: Set<UInt64> = []
    /// Runs of ``runs`` the server reported over: not asked about again.
    var overRuns: Set<UInt64> = []
    /// Whether the server accepted this node's own RegisterNode (rather than refusing it).
    var selfRegistered = false
    /// Set when a heartbeat learns the server no longer knows the node as active.
    var needsRejoin = false
    /// Whether the server answers Swiftlet's batched object calls; `nil` until asked (``batchesObjects()``).
    var serverBatchesObjects: Bool?
    /// A reply computed but not yet accepted by the server, kept across network drops.
    var pendingReply: PendingReply?
    /// The client's array layout, asked once when ``FleetNodeConfiguration/expectedArrays`` is `.fromClient`.
    var clientSpecs: [ArraySpec]?
    /// Each run's error-feedback residual (``FleetNode/compress(_:received:codec:errorFeedback:run:round:)``), in memory only.
    var residuals: [UInt64: [Float]] = [:]
    /// Each run's models held for compressed downlinks, oldest first (``FleetNode/downlinkFit(_:downlink:delta:run:id:)``).
    var heldModels: [UInt64: [HeldModel]] = [:]

    /// Creates a node.
    /// - Parameters:
    ///   - transport: the way to the server (``HTTPFleetTransport`` in deployment).
    ///   - client: the app's model and data.
    ///   - publicKey: the node's public key bytes as sent in RegisterNode/ActivateNode `public_key`: Flower
    ///     sends its PEM SubjectPublicKeyInfo (`NodePublicKey.flowerBytes`), the same bytes the request
    ///     signer puts in `flwr-public-key`, so the server can bind the node id to the signing key.
    ///   - configuration: heartbeats, polling, reconnects, encoding, limits.
    ///   - clock: waits for polls, heartbeats and backoff (`ContinuousClock` in deployment).
    ///   - seed: seeds the backoff jitter.
    ///   - now: wall time for replies' `created_at`.
    ///   - logger: where the node reports what it does.
    public init(transport: any FleetTransport, client: any Client, publicKey: [UInt8],
                configuration: FleetNodeConfiguration = FleetNodeConfiguration(),
                clock: any Clock<Duration> = ContinuousClock(), seed: UInt64 = 0,
                now: @escaping @Sendable () -> Date = { Date() },
                logger: Logger = Logger(label: "swiftlet.fleet.node")) {
        self.transport = transport
        self.client = client
        self.publicKey = publicKey
        self.configuration = configuration
        self.clock = clock
        self.now = now
        self.logger = logger
        self.generator = SeededGenerator(seed: seed)
    }

    /// Creates a node identified by `key`'s public key in Flower's serialization.
    public init(transport: any FleetTransport, client: any Client, key: NodeKey,
                configuration: FleetNodeConfiguration = FleetNodeConfiguration(),
                clock: any Clock<Duration> = ContinuousClock(), seed: UInt64 = 0,
                now: @escaping @Sendable () -> Date = { Date() },
                logger: Logger = Logger(label: "swiftlet.fleet.node")) {
        self.init(transport: transport, client: client, publicKey: key.publicKey.flowerBytes, configuration: configuration,
                  clock: clock, seed: seed, now: now, logger: logger)
    }

    /// Joins the server and serves instructions until the runs finish, the task is cancelled, or the server
    /// stays unreachable beyond the reconnect policy.
    ///
    /// Returns normally when the runs finish (state ``State/finished``) or the task is cancelled (state
    /// ``State/stopped``); both send a best-effort DeactivateNode first (and UnregisterNode with
    /// ``FleetNodeConfiguration/unregisterOnExit``). No child task outlives the call.
    /// - Throws: ``FleetNodeError`` when the node cannot go on.
    public func run() async throws(FleetNodeError) {
        guard state == .idle else { throw .notIdle(state) }
        do { try configuration.validate() } catch {
            state = .stopped
            throw error
        }
        let outcome: Outcome
        do throws(StepError) {
            try await join()
            outcome = await serve()
        } catch {
            outcome = Outcome(error)
        }
        await deactivate()
        if configuration.unregisterOnExit, selfRegistered { await unregister() }
        switch outcome {
        case .finished:
            state = .finished
            logger.info("runs finished; node stops", metadata: ["runs": "\(runs.sorted())"])
        case .cancelled:
            state = .stopped
            logger.info("node cancelled; stops")
        case .failed(let error):
            state = .stopped
            logger.error("node stops: \(error)")
            throw error
        }
    }

    /// How the serving part of ``run()`` ended.
    enum Outcome: Sendable {
        case finished
        case cancelled
        case failed(FleetNodeError)

        /// The outcome of a step that could not complete.
        init(_ error: StepError) {
            switch error {
            case .cancelled: self = .cancelled
            case .failed(let failure): self = .failed(failure)
            case .refused(let rpc, let failure): self = .failed(.refused(rpc: rpc, failure))
            case .invalid(_, let reason): self = .failed(.refused(rpc: .pullMessages, FleetFailure(.badRequest, reason)))
            }
        }
    }

    /// Runs the heartbeat child task beside the pull loop; the heartbeats end when the loop does.
    func serve() async -> Outcome {
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await self.heartbeatLoop() }
            let outcome: Outcome
            do throws(StepError) {
                try await pullLoop()
                outcome = .finished
            } catch {
                outcome = Outcome(error)
            }
            group.cancelAll()
            return outcome
        }
    }
}
