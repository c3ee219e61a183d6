import Crypto
import Foundation
import SwiftProtobuf
import SwiftletFleetProtocol

/// The Fleet API over the fleet's durable state: answers Flower nodes, and carries the round engine's
/// instructions to them and their replies back.
///
/// Every request is decoded and validated in full before anything is written, and each write is one store
/// transaction, so a bad request leaves the state as it was. Time comes from the injected `now`, so tests
/// drive heartbeat expiry and message TTLs without sleeping.
public actor FleetService: FleetRequestHandler {
    let store: any FleetStore
    let limits: FleetServiceLimits
    let now: @Sendable () -> Date
    /// SplitMix64 state for new node and run ids: seeded, so tests get known ids.
    var idState: UInt64
    /// Tasks waiting in ``reply(to:)``, by the instruction's message id, then by a waiter number.
    var waiters: [String: [Int: CheckedContinuation<IncomingReply, any Error>]] = [:]
    var nextWaiter = 0
    var eventSinks: [Int: AsyncStream<NodeEvent>.Continuation] = [:]
    var nextSink = 0
    /// Metrics counters; `nodesOnline` is filled in when read.
    var tally = FleetCounters()
    /// The nodes, mirrored from the store on first use (see ``NodeDirectory``).
    var directoryStorage: NodeDirectory?
    /// Incomplete replies the engine waits for, by the objects they still lack.
    var replyTracker = ReplyTracker()
    /// Recently used objects, so a model every sampled node pulls is read from SQLite once.
    var objectCache = ObjectCache(capacityBytes: 64 << 20)
    /// Runs read from the store, by id: every object push and pull names its run, and only this service
    /// changes runs (``createRun(name:config:)``, ``finishRun(_:outcome:)``), dropping the entry it changes.
    var runCache: [UInt64: StoredRun] = [:]

    /// Creates a service over `store`.
    /// - Parameters:
    ///   - seed: seeds the generator of node and run ids.
    ///   - now: the clock for heartbeats and TTLs.
    public init(store: any FleetStore, limits: FleetServiceLimits = FleetServiceLimits(), seed: UInt64 = 0x5EED,
                now: @escaping @Sendable () -> Date = { Date() }) {
        self.store = store
        self.limits = limits
        self.now = now
        self.idState = seed
    }

    /// Handles one Fleet API call: decodes `body`, checks it against the state and `caller`, and answers.
    ///
    /// Decoding the request, encoding the answer and hashing uploads run here, in the request's own task, and
    /// uploads are written to the store's staging area on a blocking-I/O thread, so many requests do that
    /// work in parallel; only the part that reads or changes the fleet's state runs on the actor.
    public nonisolated func handle(_ rpc: FleetRPC, body: [UInt8], caller: FleetCaller) async throws(FleetFailure) -> [UInt8] {
        switch rpc {
        case .registerNode: return try await answer(body, rpc) { s, r throws(FleetFailure) in try s.registerNode(r, caller: caller) }
        case .activateNode: return try await answer(body, rpc) { s, r throws(FleetFailure) in try s.activateNode(r, caller: caller) }
        case .deactivateNode: return try await answer(body, rpc) { s, r throws(FleetFailure) in try s.deactivateNode(r, caller: caller) }
        case .unregisterNode: return try await answer(body, rpc) { s, r throws(FleetFailure) in try s.unregisterNode(r, caller: caller) }
        case .sendNodeHeartbeat: return try await answer(body, rpc) { s, r throws(FleetFailure) in try s.heartbeat(r, caller: caller) }
        case .pullMessages: return try await answer(body, rpc) { s, r throws(FleetFailure) in try s.pullMessages(r, caller: caller) }
        case .pushMessages: return try await answer(body, rpc) { s, r throws(FleetFailure) in try s.pushMessages(r, caller: caller) }
        case .getRun: return try await answer(body, rpc) { s, r throws(FleetFailure) in try s.getRun(r, caller: caller) }
        case .getFab: return try await answer(body, rpc) { s, r throws(FleetFailure) in try s.getFab(r, caller: caller) }
        case .pullObject:
            let request: Flwr_Proto_PullObjectRequest = try Self.decode(body, rpc)
            return try await onActor(request) { s, r throws(FleetFailure) in try s.pullObject(r, caller: caller) }.serialized()
        case .confirmMessageReceived:
            return try await answer(body, rpc) { s, r throws(FleetFailure) in try s.confirm(r, caller: caller) }
        case .pushObject:
            // Uploads are read with ObjectUpload, not SwiftProtobuf: each update is copied once out of the body.
            let upload = try Self.decodeWire(body, rpc, as: Flwr_Proto_PushObjectRequest.protoMessageName) {
                bytes throws(ProtobufWireError) in try ObjectUpload(serializedBytes: bytes)
            }
            return try await push(upload, caller: caller)
        case .pullObjects:
            let request: Swiftlet_Fleet_PullObjectsRequest = try Self.decode(body, rpc)
            try Self.checkBatch(request.requests.map { ($0.node.nodeID, $0.runID) }, limit: limits.maxObjectsPerMessage, rpc)
            let answers = try await onActor(request) { s, r throws(FleetFailure) in try s.pullObjects(r, caller: caller) }
            return ObjectDownload.serializedBatch(answers)
        case .pushObjects:
            let uploads = try Self.decodeWire(body, rpc, as: Swiftlet_Fleet_PushObjectsRequest.protoMessageName) {
                bytes throws(ProtobufWireError) in try ObjectUpload.batch(serializedBytes: bytes)
            }
            return try await push(uploads, rpc, caller: caller)
        }
    }

    /// Handles an object push whose body arrived split (``FleetRPC/requestObjectShape``): the uploads take
    /// the contents' arrays as they are. Other calls' bodies are joined and handled as bytes.
    public nonisolated func handle(_ rpc: FleetRPC, body: ObjectMessageBody, caller: FleetCaller) async throws(FleetFailure) -> [UInt8] {
        switch rpc {
        case .pushObject:
            let upload = try Self.decodeWire(body, rpc, as: Flwr_Proto_PushObjectRequest.protoMessageName) {
                body throws(ProtobufWireError) in try ObjectUpload(body: body)
            }
            return try await push(upload, caller: caller)
        case .pushObjects:
            let uploads = try Self.decodeWire(body, rpc, as: Swiftlet_Fleet_PushObjectsRequest.protoMessageName) {
                body throws(ProtobufWireError) in try ObjectUpload.batch(body: body)
            }
            return try await push(uploads, rpc, caller: caller)
        default:
            return try await handle(rpc, body: body.joined(), caller: caller)
        }
    }

    /// Checks, stages and stores one pushed object (`PushObject`).
    nonisolated func push(_ upload: ObjectUpload, caller: FleetCaller) async throws(FleetFailure) -> [UInt8] {
        try Self.checkContent(upload, limit: limits.maxObjectBytes)
        let staged = try await stage([(upload.objectID, upload.content)])
        return try await withStaged(staged) { () throws(FleetFailure) in
            try Self.encode(try await onActor(upload) { s, u throws(FleetFailure) in try s.pushObject(u, staged: staged[0], caller: caller) })
        }
    }

    /// Checks, stages and stores a batch of pushed objects (`swiftlet-push-objects`), all or none.
    nonisolated func push(_ uploads: [ObjectUpload], _ rpc: FleetRPC, caller: FleetCaller) async throws(FleetFailure) -> [UInt8] {
        try Self.checkBatch(uploads.map { ($0.nodeID, $0.runID) }, limit: limits.maxObjectsPerMessage, rpc)
        try Self.checkContents(uploads, limit: limits.maxObjectBytes)
        let staged = try await stage(uploads.map { ($0.objectID, $0.content) })
        return try await withStaged(staged) { () throws(FleetFailure) in
            try Self.encode(try await onActor(uploads) { s, u throws(FleetFailure) in try s.pushObjects(u, staged: staged, caller: caller) })
        }
    }

    /// Decodes `body`, runs `work` on the actor, encodes its answer.
    nonisolated func answer<Request: SwiftProtobuf.Message, Response: SwiftProtobuf.Message>(
        _ body: [UInt8], _ rpc: FleetRPC,
        _ work: @Sendable (isolated FleetService, Request) throws(FleetFailure) -> Response
    ) async throws(FleetFailure) -> [UInt8] {
        try await answer(Self.decode(body, rpc) as Request, work)
    }

    /// Runs `work` on the actor for a decoded request, encodes its answer.
    nonisolated func answer<Request: SwiftProtobuf.Message, Response: SwiftProtobuf.Message>(
        _ request: Request, _ work: @Sendable (isolated FleetService, Request) throws(FleetFailure) -> Response
    ) async throws(FleetFailure) -> [UInt8] {
        let response = try await onActor(request, work)
        return try Self.encode(response)
    }

    /// Brings the node directory up to date, then runs `work` with the actor's state.
    func onActor<Request: Sendable, Response: Sendable>(
        _ request: Request, _ work: @Sendable (isolated FleetService, Request) throws(FleetFailure) -> Response
    ) throws(FleetFailure) -> Response {
        try loadDirectory()
        try expireNodes()
        return try work(self, request)
    }

    /// The counters for metrics, with the number of nodes online now.
    public var counters: FleetCounters {
        var result = tally
        try? loadDirectory()
        result.nodesOnline = directoryStorage?.onlineCount ?? 0
        return result
    }

    /// Reads the nodes into the directory, once.
    func loadDirectory() throws(FleetFailure) {
        guard directoryStorage == nil else { return }
        let nodes = try db { () throws(FleetStoreError) in try store.allNodes() }
        directoryStorage = NodeDirectory(nodes, tolerance: limits.heartbeatTolerance)
    }

    /// Stores `node` and mirrors it in the directory once the write succeeded.
    func saveNode(_ node: StoredNode) throws(FleetFailure) {
        try db { () throws(FleetStoreError) in try store.saveNode(node) }
        directoryStorage?.put(node, tolerance: limits.heartbeatTolerance)
    }

    // MARK: Helpers shared by the RPCs

    func decode<M: SwiftProtobuf.Message>(_ body: [UInt8], _ rpc: FleetRPC) throws(FleetFailure) -> M {
        try Self.decode(body, rpc)
    }

    static func decode<M: SwiftProtobuf.Message>(_ body: [UInt8], _ rpc: FleetRPC) throws(FleetFailure) -> M {
        do {
            return try M(serializedBytes: body)
        } catch {
            throw FleetFailure(.badRequest, "\(rpc.rawValue): body is not a valid \(M.protoMessageName): \(error)")
        }
    }

    func encode(_ message: some SwiftProtobuf.Message) throws(FleetFailure) -> [UInt8] {
        try Self.encode(message)
    }

    /// Decodes `body`, a message called `name`, with `read` (one of ``ObjectUpload``'s decoders), failing as
    /// ``decode(_:_:)`` does.
    static func decodeWire<Body, T>(_ body: Body, _ rpc: FleetRPC, as name: String,
                                    _ read: (Body) throws(ProtobufWireError) -> T) throws(FleetFailure) -> T {
        do { return try read(body) } catch {
            throw FleetFailure(.badRequest, "\(rpc.rawValue): body is not a valid \(name): \(error)")
        }
    }

    static func encode(_ message: some SwiftProtobuf.Message) throws(FleetFailure) -> [UInt8] {
        do { return try message.serializedBytes() } catch {
            throw FleetFailure(.internalError, "cannot encode \(type(of: message).protoMessageName): \(error)")
        }
    }

    /// Runs a store operation, turning a database failure into an internal error.
    func db<T>(_ body: () throws(FleetStoreError) -> T) throws(FleetFailure) -> T {
        do { return try body() } catch { throw FleetFailure(.internalError, error.description) }
    }

    /// The node `id`, which must exist and belong to the caller's key when the caller has one.
    func boundNode(_ id: UInt64, caller: FleetCaller, field: String) throws(FleetFailure) -> StoredNode {
        try loadDirectory()
        guard let node = directoryStorage?.node(id) else {
            throw FleetFailure(.notFound, "\(field): no node \(id)")
        }
        if let key = caller.publicKey, key != node.publicKey {
            throw FleetFailure(.forbidden, "\(field): node \(id) belongs to another key")
        }
        return node
    }

    /// The run `id`, which must exist.
    func existingRun(_ id: UInt64, field: String) throws(FleetFailure) -> StoredRun {
        if let cached = runCache[id] { return cached }
        guard let run = try db({ () throws(FleetStoreError) in try store.run(id) }) else {
            throw FleetFailure(.notFound, "\(field): no run \(id)")
        }
        runCache[id] = run
        return run
    }

    /// A fresh id from the seeded generator; never 0, which Flower reserves for the server.
    func freshID() -> UInt64 {
        while true {
            idState &+= 0x9E37_79B9_7F4A_7C15
            var z = idState
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            z ^= z >> 31
            if z != 0 { return z }
        }
    }

    /// The lowercase hex SHA-256 of `bytes`: an object's id.
    static func objectID(of bytes: some DataProtocol) -> String {
        ObjectID(of: bytes).rawValue
    }

    /// Checks that `id` looks like an object id: 64 lowercase hex digits.
    static func checkObjectID(_ id: String, field: String) throws(FleetFailure) {
        guard id.utf8.count == 64, id.utf8.allSatisfy({ (48...57).contains($0) || (97...102).contains($0) }) else {
            throw FleetFailure(.badRequest, "\(field): \"\(id.prefix(80))\" is not a lowercase hex SHA-256")
        }
    }

    /// Every object id in `tree`, root first, each checked; at most `limits.maxObjectsPerMessage`.
    func treeIDs(_ tree: Flwr_Proto_ObjectTree, field: String) throws(FleetFailure) -> [String] {
        var ids: [String] = []
        var stack = [tree]
        while let next = stack.popLast() {
            try Self.checkObjectID(next.objectID, field: field)
            ids.append(next.objectID)
            guard ids.count <= limits.maxObjectsPerMessage else {
                throw FleetFailure(.payloadTooLarge, "\(field): more than \(limits.maxObjectsPerMessage) objects")
            }
            stack.append(contentsOf: next.children.reversed())
        }
        return ids
    }
}
