import Foundation
import SwiftletFleetProtocol

/// The round engine's side: post instructions, await replies, runs and checkpoints.
extension FleetService {
    /// Stores an instruction and its objects for its destination node, idempotently by message id.
    /// - Throws: ``FleetFailure`` when the message id, tree or objects do not agree, or the run is unknown.
    public func post(_ outgoing: OutgoingMessage) async throws(FleetFailure) {
        try save(outgoing, as: nil)
    }

    /// Checks `outgoing` and stores it, recorded as instruction `key` when there is one, in one transaction.
    func save(_ outgoing: OutgoingMessage, as key: InstructionKey?) throws(FleetFailure) {
        let metadata = outgoing.message.metadata
        try Self.checkObjectID(metadata.messageID, field: "metadata.message_id")
        guard outgoing.tree.objectID == metadata.messageID else {
            throw FleetFailure(.badRequest, "tree: root \(outgoing.tree.objectID) is not message \(metadata.messageID)")
        }
        _ = try existingRun(metadata.runID, field: "metadata.run_id")
        let ids = try treeIDs(outgoing.tree, field: "tree")
        var objects: [String: [UInt8]?] = [:]
        for id in ids {
            guard let bytes = outgoing.objects[id] else {
                throw FleetFailure(.badRequest, "objects: object \(id) of message \(metadata.messageID) is missing")
            }
            // The same model posted to many nodes: bytes equal to ones already verified need no new hash.
            if !Self.sameBytes(objectCache.object(id), bytes) {
                let actual = Self.objectID(of: bytes)
                guard actual == id else { throw FleetFailure(.badRequest, "objects: \(id) is not the SHA-256 of its bytes (\(actual))") }
            }
            guard bytes.count <= limits.maxObjectBytes else {
                throw FleetFailure(.payloadTooLarge, "objects: \(id) has \(bytes.count) bytes, more than \(limits.maxObjectBytes)")
            }
            objects[id] = .some(bytes)
        }
        var bare = outgoing.message
        bare.clearContent()
        let stored = StoredMessage(
            id: metadata.messageID, run: metadata.runID, source: 0, destination: metadata.dstNodeID,
            type: metadata.messageType, group: metadata.groupID, createdAt: metadata.createdAt, ttl: metadata.ttl,
            replyTo: "", status: .pending, metadata: try encode(bare), tree: try encode(outgoing.tree))
        try db { () throws(FleetStoreError) in
            if let key { try store.saveInstruction(key, message: stored, objects: objects) } else { try store.saveMessage(stored, objects: objects) }
        }
        directoryStorage?.messagePosted(to: metadata.dstNodeID)
        // The destination pulls these next, and every other node sampled this round pulls the same content.
        for (id, bytes) in outgoing.objects { objectCache.put(id, bytes) }
    }

    /// Whether `cached` holds exactly `bytes`: one `memcmp`, where `Array`'s `==` compares element by element
    /// (a model of 800 kB, posted to a thousand nodes a round).
    static func sameBytes(_ cached: [UInt8]?, _ bytes: [UInt8]) -> Bool {
        guard let cached, cached.count == bytes.count else { return false }
        return cached.withUnsafeBytes { a in
            bytes.withUnsafeBytes { b in a.count == 0 || a.baseAddress == b.baseAddress || memcmp(a.baseAddress!, b.baseAddress!, a.count) == 0 }
        }
    }

    /// Waits until the destination has pushed its reply to `messageID` and every object of it.
    ///
    /// Cancelling the waiting task ends the wait with `CancellationError`; a reply that arrives later is still
    /// stored and can be read with ``storedReply(to:)``.
    public func reply(to messageID: String) async throws -> IncomingReply {
        if let ready = try complete(messageID) { return ready }
        // A reply stored before a restart but still lacking objects: watch for them.
        if let stored = try db({ () throws(FleetStoreError) in try store.reply(to: messageID) }) {
            replyTracker.track(instruction: messageID,
                               missing: try db { () throws(FleetStoreError) in try store.missingObjects(of: stored.id) })
        }
        let key = nextWaiter
        nextWaiter += 1
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                // The body runs synchronously on this actor, before the task suspends.
                self.assumeIsolated { service in
                    service.addWaiter(messageID, key, continuation)
                }
            }
        } onCancel: {
            Task { await self.cancelWaiter(messageID, key) }
        }
    }

    /// The reply to `messageID` if it is stored with all its objects: for resuming after a restart.
    public func storedReply(to messageID: String) async -> IncomingReply? {
        try? complete(messageID)
    }

    func addWaiter(_ messageID: String, _ key: Int, _ continuation: CheckedContinuation<IncomingReply, any Error>) {
        if Task.isCancelled {
            continuation.resume(throwing: CancellationError())
        } else {
            waiters[messageID, default: [:]][key] = continuation
        }
    }

    func cancelWaiter(_ messageID: String, _ key: Int) {
        guard let continuation = waiters[messageID]?.removeValue(forKey: key) else { return }
        if waiters[messageID]?.isEmpty == true {
            waiters[messageID] = nil
            // Nobody waits: the bytes kept for the reply go; a later wait reads it from the store.
            replyTracker.forget(instruction: messageID)
        }
        continuation.resume(throwing: CancellationError())
    }

    /// Resumes the waiters for the reply to `messageID` if it is now complete.
    /// - Parameter arrived: bytes of the reply's objects already in memory, by id; the rest are read.
    func resolve(_ messageID: String, arrived: [String: [UInt8]] = [:]) throws(FleetFailure) {
        guard waiters[messageID] != nil, let reply = try complete(messageID, arrived: arrived),
              let waiting = waiters.removeValue(forKey: messageID) else { return }
        for continuation in waiting.values { continuation.resume(returning: reply) }
    }

    /// The reply to `messageID` with all its objects, or `nil` while it or any object is missing.
    /// - Parameter arrived: bytes of objects already in memory, by id, which need not be read again.
    func complete(_ messageID: String, arrived: [String: [UInt8]] = [:]) throws(FleetFailure) -> IncomingReply? {
        guard let stored = try db({ () throws(FleetStoreError) in try store.reply(to: messageID) }) else { return nil }
        guard try db({ () throws(FleetStoreError) in try store.missingObjects(of: stored.id) }).isEmpty else { return nil }
        var objects: [String: [UInt8]] = [:]
        for id in try db({ () throws(FleetStoreError) in try store.objectIDs(of: stored.id) }) {
            if let bytes = arrived[id] ?? objectCache.object(id) {
                objects[id] = bytes
                continue
            }
            guard case let .some(.some(bytes)) = try db({ () throws(FleetStoreError) in try store.object(id) }) else { return nil }
            objects[id] = bytes
        }
        do {
            return IncomingReply(message: try Flwr_Proto_Message(serializedBytes: stored.metadata),
                                 tree: try Flwr_Proto_ObjectTree(serializedBytes: stored.tree), objects: objects)
        } catch {
            throw FleetFailure(.internalError, "stored reply \(stored.id) is unreadable: \(error)")
        }
    }

    /// Creates a run and answers its id.
    public func createRun(name: String, config: [UInt8] = []) throws(FleetFailure) -> UInt64 {
        var id = freshID()
        while try db({ () throws(FleetStoreError) in try store.run(id) }) != nil { id = freshID() }
        let run = StoredRun(id: id, name: name, config: config, status: "running")
        runCache[id] = nil
        try db { () throws(FleetStoreError) in try store.saveRun(run) }
        return id
    }

    /// The run with `id`, if any.
    public func run(_ id: UInt64) throws(FleetFailure) -> StoredRun? {
        try db { () throws(FleetStoreError) in try store.run(id) }
    }

    /// Stores a completed round's record and the engine's checkpoint in one transaction, then deletes the
    /// bytes of that round's and earlier rounds' instructions and replies, which the engine has consumed.
    ///
    /// Without the deletion a `2nn` federation of 1,000 nodes would grow its store by 0.8 GB a round. A crash
    /// between the two steps only leaves objects the next checkpoint deletes.
    public func saveCheckpoint(run: UInt64, round: Int, record: [UInt8], blob: [UInt8]) throws(FleetFailure) {
        _ = try existingRun(run, field: "run")
        let checkpoint = StoredCheckpoint(run: run, round: round, record: record, blob: blob)
        try db { () throws(FleetStoreError) in try store.saveCheckpoint(checkpoint, status: "completed") }
        _ = try db { () throws(FleetStoreError) in try store.deleteSettledObjects(run: run, through: round) }
    }

    /// The checkpoint of the latest completed round of `run`, if any.
    public func latestCheckpoint(run: UInt64) throws(FleetFailure) -> StoredCheckpoint? {
        try db { () throws(FleetStoreError) in try store.latestCheckpoint(run: run) }
    }

    // MARK: Runs by name, run outcomes, and durable instructions

    /// Every run named `name`, oldest first.
    public func runs(named name: String) throws(FleetFailure) -> [StoredRun] {
        try db { () throws(FleetStoreError) in try store.runs(named: name) }
    }

    /// Marks `run` finished with `outcome`, so nodes polling GetRun learn it is over.
    public func finishRun(_ run: UInt64, outcome: RunOutcome) throws(FleetFailure) {
        _ = try existingRun(run, field: "run")
        runCache[run] = nil
        try db { () throws(FleetStoreError) in try store.finishRun(run, outcome: outcome) }
    }

    /// How `run` ended, if it has.
    public func runOutcome(_ run: UInt64) throws(FleetFailure) -> RunOutcome? {
        try db { () throws(FleetStoreError) in try store.runOutcome(run) }
    }

    /// The message already carrying instruction `key`, if it can still be answered: it is stored, and it has
    /// a reply or has not outlived its time to live. `nil` means a new message must be posted.
    public func postedInstruction(_ key: InstructionKey) throws(FleetFailure) -> String? {
        guard let id = try db({ () throws(FleetStoreError) in try store.instruction(key) }),
              let message = try db({ () throws(FleetStoreError) in try store.message(id) }) else { return nil }
        if try db({ () throws(FleetStoreError) in try store.reply(to: id) }) != nil { return id }
        let expired = message.status == .expired
            || (message.ttl > 0 && message.createdAt + message.ttl < now().timeIntervalSince1970)
        return expired ? nil : id
    }

    /// Posts `outgoing` as the message carrying instruction `key`.
    ///
    /// The key and the message are stored in one transaction: never a stored instruction no key names, which
    /// a restarted server would duplicate and the node would train on twice. (A key naming a message that
    /// was not stored, as an older server could leave, is ignored by ``postedInstruction(_:)``.) One commit
    /// per instruction rather than two: a round of a thousand nodes posts a thousand.
    public func post(_ outgoing: OutgoingMessage, as key: InstructionKey) async throws(FleetFailure) {
        guard outgoing.message.metadata.dstNodeID == key.node, outgoing.message.metadata.runID == key.run else {
            throw FleetFailure(.badRequest, "metadata: message \(outgoing.message.metadata.messageID) is not for \(key)")
        }
        try save(outgoing, as: key)
    }
}
