import Foundation
import Logging
import SwiftletFederated
import SwiftletFleetNode
import SwiftletFleetProtocol
import SwiftletFleetServer
import Synchronization

/// A client whose answers are computed by hand: fit adds 1 to every value and reports 10 examples; evaluate
/// reports the sum of the values as the loss over 4 examples. It counts its calls.
actor ScriptedClient: Client {
    /// The layout of the client's model: `w` 2×2 and `b` 1.
    static let specs = [ArraySpec(name: "w", shape: [2, 2]), ArraySpec(name: "b", shape: [1])]
    private(set) var fitCalls: [FitInstruction] = []
    private(set) var evaluateCalls: [EvaluateInstruction] = []
    /// Whether fit throws instead of training.
    let failing: Bool

    init(failing: Bool = false) { self.failing = failing }

    /// What a failing client throws.
    struct Broken: Error, CustomStringConvertible {
        var description: String { "the training data is unreadable" }
    }

    func parameters(config: ConfigRecord) throws -> ArrayRecord {
        try ArrayRecord(specs: Self.specs, values: [0, 0, 0, 0, 0])
    }

    func fit(_ instruction: FitInstruction) throws -> FitResult {
        fitCalls.append(instruction)
        if failing { throw Broken() }
        let trained = try instruction.parameters.with(values: instruction.parameters.values.map { $0 + 1 })
        return FitResult(parameters: trained, exampleCount: 10, metrics: ["loss": .double(0.25)])
    }

    func evaluate(_ instruction: EvaluateInstruction) -> EvaluateResult {
        evaluateCalls.append(instruction)
        return EvaluateResult(loss: Double(instruction.parameters.values.reduce(0, +)), exampleCount: 4)
    }
}

/// A service over an in-memory store, a loopback transport to it, a manual clock and a node.
struct NodeFixture {
    static let epoch = Date(timeIntervalSince1970: 1_800_000_000)
    static let nodeKey = NodeKey.generate(.p256)
    /// The node's public key as Flower sends it (PEM SubjectPublicKeyInfo).
    static let key = nodeKey.publicKey.flowerBytes

    let store: SQLiteFleetStore
    let service: FleetService
    let transport: LoopbackTransport
    let clock = ManualClock()
    let client: ScriptedClient
    let run: UInt64
    let node: FleetNode
    /// The node's id, registered ahead so instructions can be posted before the node starts.
    let nodeID: UInt64

    /// - Parameter wrap: puts another transport between the node and the loopback (one that answers some
    ///   calls as Flower's SuperLink does, say); the node talks to the loopback directly without it.
    init(configuration: FleetNodeConfiguration = NodeFixture.configuration, failingClient: Bool = false,
         wrap: ((LoopbackTransport) -> any FleetTransport)? = nil) async throws {
        client = ScriptedClient(failing: failingClient)
        store = try SQLiteFleetStore()
        service = FleetService(store: store, now: { NodeFixture.epoch })
        transport = LoopbackTransport(service: service)
        run = try await service.createRun(name: "node-tests")
        var register = Flwr_Proto_RegisterNodeFleetRequest()
        register.publicKey = Data(Self.key)
        let answer = try Flwr_Proto_RegisterNodeFleetResponse(
            serializedBytes: try await service.handle(.registerNode, body: try register.serializedBytes(), caller: .anonymous))
        nodeID = answer.nodeID
        node = FleetNode(transport: wrap?(transport) ?? transport, client: client, key: Self.nodeKey, configuration: configuration,
                         clock: clock, seed: 42, now: { NodeFixture.epoch.addingTimeInterval(1) },
                         logger: Logger(label: "test.node", factory: { _ in SwiftLogNoOpLogHandler() }))
    }

    /// Long heartbeats and polls so nothing happens on the clock unless a test moves it; no backoff wait;
    /// GetRun at every empty poll, so a test ends a run with one move of the clock.
    static var configuration: FleetNodeConfiguration {
        FleetNodeConfiguration(heartbeatInterval: 30, pollInterval: .seconds(5)...(.seconds(5)),
                               reconnect: ReconnectPolicy(base: .zero, cap: .zero), arrayEncoding: .npy,
                               emptyPollsBeforeRunCheck: 1)
    }

    /// The parameters the tests send: `w` = [1, 2, 3, 4], `b` = [0.5].
    static func parameters() throws -> ArrayRecord {
        try ArrayRecord(specs: ScriptedClient.specs, values: [1, 2, 3, 4, 0.5])
    }

    /// Posts `content` as an instruction of `type` to the node (or to `destination`), in the fixture's run
    /// (or in `run`); answers it deflated.
    @discardableResult
    func post(_ content: RecordDict, type: String = FleetMessageType.train, to destination: UInt64? = nil,
              run: UInt64? = nil) async throws -> DeflatedMessage {
        var metadata = Flwr_Proto_Metadata()
        metadata.runID = run ?? self.run
        metadata.dstNodeID = destination ?? nodeID
        metadata.messageType = type
        metadata.groupID = "1"
        metadata.ttl = 600
        metadata.createdAt = Self.epoch.timeIntervalSince1970
        let deflated = try FleetMessage(metadata: metadata, body: .content(content)).deflate()
        try await service.post(OutgoingMessage(message: deflated.message, tree: deflated.tree, objects: deflated.objects))
        return deflated
    }

    /// Posts a train instruction for round 1 with `parameters`; answers its message id.
    @discardableResult
    func postFit(_ parameters: ArrayRecord, to destination: UInt64? = nil) async throws -> String {
        try await post(try FleetContentMapping.content(FitInstruction(round: 1, parameters: parameters), encoding: .npy),
                       to: destination).messageID
    }

    /// Starts the node in a task.
    func start() -> Task<Void, any Error> {
        let node = self.node
        return Task { try await node.run() }
    }

    /// The node's reply to `messageID` as a message, waiting for it at most 30 s.
    func reply(to messageID: String) async throws -> FleetMessage {
        let service = self.service
        let incoming = try await within { try await service.reply(to: messageID) }
        return try FleetMessage.inflate(DeflatedMessage(message: incoming.message, tree: incoming.tree, objects: incoming.objects))
    }

    /// Ends the run as the server's runtime does when its strategy ends, through the service.
    func finishRun() async throws {
        try await service.finishRun(run, outcome: RunOutcome(.completed, details: "completed"))
    }

    /// Cancels the node's task and waits for `run()` to return.
    func stop(_ task: Task<Void, any Error>) async throws {
        task.cancel()
        try await within { try await task.value }
    }
}

/// A wait on real work that has not finished in 30 s.
struct TimedOut: Error {}

/// Runs `body`, failing with ``TimedOut`` after `seconds` of wall time: a bound on a wait, never a measurement.
func within<T: Sendable>(_ seconds: Double = 30, _ body: @escaping @Sendable () async throws -> T) async throws -> T {
    try await withThrowingTaskGroup(of: T?.self) { group in
        group.addTask { try await body() }
        group.addTask {
            try await Task.sleep(for: .seconds(seconds))
            return nil
        }
        defer { group.cancelAll() }
        guard let first = try await group.next(), let value = first else { throw TimedOut() }
        return value
    }
}

/// The content of a reply, or `nil` for an error reply.
extension FleetMessage {
    var content: RecordDict? {
        if case .content(let content) = body { return content }
        return nil
    }

    var error: Flwr_Proto_Error? {
        if case .error(let error) = body { return error }
        return nil
    }
}
