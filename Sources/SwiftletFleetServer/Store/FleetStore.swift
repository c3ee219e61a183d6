import Foundation

/// The fleet's durable state: the seam between the fleet service and its database.
///
/// ``SQLiteFleetStore`` is the implementation (one file, or memory for tests); a PostgreSQL store for
/// replicated servers implements the same protocol later. Every method that changes several rows does so
/// in one transaction, so a crash leaves the last committed state.
public protocol FleetStore: Sendable {
    /// Inserts or replaces a node.
    func saveNode(_ node: StoredNode) throws(FleetStoreError)
    /// The node with `id`, if any.
    func node(_ id: UInt64) throws(FleetStoreError) -> StoredNode?
    /// The node registered with `publicKey`, if any.
    func node(publicKey: [UInt8]) throws(FleetStoreError) -> StoredNode?
    /// Every node.
    func allNodes() throws(FleetStoreError) -> [StoredNode]
    /// Deletes a node and the messages addressed to it that are still pending.
    func deleteNode(_ id: UInt64) throws(FleetStoreError)

    /// Inserts or replaces a run.
    func saveRun(_ run: StoredRun) throws(FleetStoreError)
    /// The run with `id`, if any.
    func run(_ id: UInt64) throws(FleetStoreError) -> StoredRun?

    /// Stores a message, its objects (id → bytes) and the links between them, in one transaction;
    /// an object already stored is kept. A message id already stored leaves everything as it was. A reply
    /// (non-empty `replyTo`) marks its instruction `replied` in the same transaction.
    func saveMessage(_ message: StoredMessage, objects: [String: [UInt8]?]) throws(FleetStoreError)
    /// The message with `id`, if any.
    func message(_ id: String) throws(FleetStoreError) -> StoredMessage?
    /// Messages for `destination` with one of `statuses`, oldest first, at most `limit`.
    func messages(to destination: UInt64, statuses: [StoredMessage.Status], limit: Int) throws(FleetStoreError) -> [StoredMessage]
    /// The reply to message `id`, if one was stored.
    func reply(to id: String) throws(FleetStoreError) -> StoredMessage?
    /// Sets the status of messages.
    func setStatus(_ status: StoredMessage.Status, messages ids: [String]) throws(FleetStoreError)

    /// The bytes of object `id`: `nil` if unknown, `.some(nil)` if expected but not yet pushed.
    func object(_ id: String) throws(FleetStoreError) -> [UInt8]??
    /// Writes uploads' bytes where the store will keep them, ahead of ``putObjects(_:)-(StagedObject)``.
    ///
    /// Called outside the service's actor, from any number of threads at once, so the costly part of storing
    /// an upload runs in parallel and the transaction that stores it only records it. Pass every result to
    /// ``discardStaged(_:)`` once the transaction is done or will not come.
    func stageObjects(_ objects: [(id: String, bytes: [UInt8])]) throws(FleetStoreError) -> [StagedObject]
    /// Stores the bytes of several expected, staged objects in one transaction, all or none: when any object
    /// is unknown, nothing is stored. Answers each object's outcome, in order (a second copy of an id in the
    /// same call is ``ObjectPutOutcome/alreadyStored``).
    func putObjects(_ objects: [StagedObject]) throws(FleetStoreError) -> [ObjectPutOutcome]
    /// Removes the staging files ``putObjects(_:)-(StagedObject)`` did not take: of objects unknown or
    /// already stored, or of a call that failed or never came. Calling it twice is harmless.
    func discardStaged(_ objects: [StagedObject])
    /// Ids of the objects message `id` refers to that have no bytes yet.
    func missingObjects(of id: String) throws(FleetStoreError) -> [String]
    /// The ids of the objects message `id` refers to.
    func objectIDs(of id: String) throws(FleetStoreError) -> [String]

    /// Stores a round's status and record and the engine's checkpoint in one transaction.
    func saveCheckpoint(_ checkpoint: StoredCheckpoint, status: String) throws(FleetStoreError)
    /// The checkpoint of the latest round of `run`, if any.
    func latestCheckpoint(run: UInt64) throws(FleetStoreError) -> StoredCheckpoint?
    /// Deletes the objects that only messages of `run` whose group is a round number up to `round` refer
    /// to, and answers how many: once a round's checkpoint is stored, its instructions' and replies' bytes
    /// are never read again. Message rows stay, so a repeated push is still recognised.
    func deleteSettledObjects(run: UInt64, through round: Int) throws(FleetStoreError) -> Int

    /// Row counts of every table.
    func counts() throws(FleetStoreError) -> FleetStoreCounts

    // MARK: The server runtime's additions

    /// Every run named `name`.
    func runs(named name: String) throws(FleetStoreError) -> [StoredRun]
    /// Marks run `id` `finished` and records its outcome, in one transaction.
    func finishRun(_ id: UInt64, outcome: RunOutcome) throws(FleetStoreError)
    /// How run `id` ended, if it has.
    func runOutcome(_ id: UInt64) throws(FleetStoreError) -> RunOutcome?
    /// The message id recorded for the instruction `key`, if any (the message itself may not be stored).
    func instruction(_ key: InstructionKey) throws(FleetStoreError) -> String?
    /// Records (or replaces) the message id of the instruction `key`.
    func saveInstruction(_ key: InstructionKey, message: String) throws(FleetStoreError)
    /// Records `message` as the instruction `key` and stores it as ``saveMessage(_:objects:)`` does, in one
    /// transaction: a key never names a message that was not stored, and no stored instruction goes unnamed
    /// (which a restarted server would post again, and the node train on twice).
    func saveInstruction(_ key: InstructionKey, message: StoredMessage, objects: [String: [UInt8]?]) throws(FleetStoreError)

    // MARK: Compressed downlinks

    /// The model `node` holds in `run` (the base of its next model delta), if the server knows one.
    func nodeModel(run: UInt64, node: UInt64) throws(FleetStoreError) -> StoredNodeModel?
    /// Records that `node` holds `model` in `run`, in one transaction: the model is stored once by digest
    /// however many nodes hold it, and the model the node held before is deleted when no node holds it now.
    func saveNodeModel(_ model: StoredNodeModel, run: UInt64, node: UInt64) throws(FleetStoreError)
    /// Forgets what `node` holds in `run` (it will be sent the whole model), deleting a model no node holds.
    func deleteNodeModel(run: UInt64, node: UInt64) throws(FleetStoreError)
}

extension FleetStore {
    /// Stages and stores objects in one call (see ``putObjects(_:)-(StagedObject)``), for callers with
    /// nothing to overlap the staging with.
    public func putObjects(_ objects: [(id: String, bytes: [UInt8])]) throws(FleetStoreError) -> [ObjectPutOutcome] {
        let staged = try stageObjects(objects)
        defer { discardStaged(staged) }
        return try putObjects(staged)
    }

    /// Stores the bytes of one expected object; answers whether it was newly stored (`false`: unknown, or
    /// already stored).
    public func putObject(_ id: String, bytes: [UInt8]) throws(FleetStoreError) -> Bool {
        try putObjects([(id: id, bytes: bytes)]) == [.stored]
    }
}

/// The database failed: its message names the operation and the database's reason.
public struct FleetStoreError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What failed, and why.
    public var message: String
    /// Creates an error.
    public init(_ message: String) { self.message = message }
    public var description: String { "fleet store: \(message)" }
}
