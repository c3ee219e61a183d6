import Foundation
import Synchronization
@testable import SwiftletFleetServer

/// A store that counts the calls it forwards to an in-memory SQLite store.
final class CountingStore: FleetStore {
    let base: SQLiteFleetStore
    let reads = Mutex(0)
    let writes = Mutex(0)

    init() throws { base = try SQLiteFleetStore() }

    private func read<T>(_ body: () throws(FleetStoreError) -> T) throws(FleetStoreError) -> T {
        reads.withLock { $0 += 1 }
        return try body()
    }

    private func write<T>(_ body: () throws(FleetStoreError) -> T) throws(FleetStoreError) -> T {
        writes.withLock { $0 += 1 }
        return try body()
    }

    var calls: (reads: Int, writes: Int) { (reads.withLock { $0 }, writes.withLock { $0 }) }

    func saveNode(_ node: StoredNode) throws(FleetStoreError) { try write { () throws(FleetStoreError) in try base.saveNode(node) } }
    func node(_ id: UInt64) throws(FleetStoreError) -> StoredNode? { try read { () throws(FleetStoreError) in try base.node(id) } }
    func node(publicKey: [UInt8]) throws(FleetStoreError) -> StoredNode? { try read { () throws(FleetStoreError) in try base.node(publicKey: publicKey) } }
    func allNodes() throws(FleetStoreError) -> [StoredNode] { try read { () throws(FleetStoreError) in try base.allNodes() } }
    func deleteNode(_ id: UInt64) throws(FleetStoreError) { try write { () throws(FleetStoreError) in try base.deleteNode(id) } }
    func saveRun(_ run: StoredRun) throws(FleetStoreError) { try write { () throws(FleetStoreError) in try base.saveRun(run) } }
    func run(_ id: UInt64) throws(FleetStoreError) -> StoredRun? { try read { () throws(FleetStoreError) in try base.run(id) } }
    func saveMessage(_ message: StoredMessage, objects: [String: [UInt8]?]) throws(FleetStoreError) {
        try write { () throws(FleetStoreError) in try base.saveMessage(message, objects: objects) }
    }
    func message(_ id: String) throws(FleetStoreError) -> StoredMessage? { try read { () throws(FleetStoreError) in try base.message(id) } }
    func messages(to destination: UInt64, statuses: [StoredMessage.Status], limit: Int) throws(FleetStoreError) -> [StoredMessage] {
        try read { () throws(FleetStoreError) in try base.messages(to: destination, statuses: statuses, limit: limit) }
    }
    func reply(to id: String) throws(FleetStoreError) -> StoredMessage? { try read { () throws(FleetStoreError) in try base.reply(to: id) } }
    func setStatus(_ status: StoredMessage.Status, messages ids: [String]) throws(FleetStoreError) {
        try write { () throws(FleetStoreError) in try base.setStatus(status, messages: ids) }
    }
    func object(_ id: String) throws(FleetStoreError) -> [UInt8]?? { try read { () throws(FleetStoreError) in try base.object(id) } }
    func stageObjects(_ objects: [(id: String, bytes: [UInt8])]) throws(FleetStoreError) -> [StagedObject] { try base.stageObjects(objects) }
    func putObjects(_ objects: [StagedObject]) throws(FleetStoreError) -> [ObjectPutOutcome] {
        try write { () throws(FleetStoreError) in try base.putObjects(objects) }
    }
    func discardStaged(_ objects: [StagedObject]) { base.discardStaged(objects) }
    func missingObjects(of id: String) throws(FleetStoreError) -> [String] { try read { () throws(FleetStoreError) in try base.missingObjects(of: id) } }
    func objectIDs(of id: String) throws(FleetStoreError) -> [String] { try read { () throws(FleetStoreError) in try base.objectIDs(of: id) } }
    func saveCheckpoint(_ checkpoint: StoredCheckpoint, status: String) throws(FleetStoreError) {
        try write { () throws(FleetStoreError) in try base.saveCheckpoint(checkpoint, status: status) }
    }
    func latestCheckpoint(run: UInt64) throws(FleetStoreError) -> StoredCheckpoint? { try read { () throws(FleetStoreError) in try base.latestCheckpoint(run: run) } }
    func deleteSettledObjects(run: UInt64, through round: Int) throws(FleetStoreError) -> Int {
        try write { () throws(FleetStoreError) in try base.deleteSettledObjects(run: run, through: round) }
    }
    func counts() throws(FleetStoreError) -> FleetStoreCounts { try read { () throws(FleetStoreError) in try base.counts() } }
    func runs(named name: String) throws(FleetStoreError) -> [StoredRun] { try read { () throws(FleetStoreError) in try base.runs(named: name) } }
    func finishRun(_ run: UInt64, outcome: RunOutcome) throws(FleetStoreError) { try write { () throws(FleetStoreError) in try base.finishRun(run, outcome: outcome) } }
    func runOutcome(_ run: UInt64) throws(FleetStoreError) -> RunOutcome? { try read { () throws(FleetStoreError) in try base.runOutcome(run) } }
    func instruction(_ key: InstructionKey) throws(FleetStoreError) -> String? { try read { () throws(FleetStoreError) in try base.instruction(key) } }
    func saveInstruction(_ key: InstructionKey, message: String) throws(FleetStoreError) {
        try write { () throws(FleetStoreError) in try base.saveInstruction(key, message: message) }
    }
    func saveInstruction(_ key: InstructionKey, message: StoredMessage, objects: [String: [UInt8]?]) throws(FleetStoreError) {
        try write { () throws(FleetStoreError) in try base.saveInstruction(key, message: message, objects: objects) }
    }

    func nodeModel(run: UInt64, node: UInt64) throws(FleetStoreError) -> StoredNodeModel? {
        try read { () throws(FleetStoreError) in try base.nodeModel(run: run, node: node) }
    }
    func saveNodeModel(_ model: StoredNodeModel, run: UInt64, node: UInt64) throws(FleetStoreError) {
        try write { () throws(FleetStoreError) in try base.saveNodeModel(model, run: run, node: node) }
    }
    func deleteNodeModel(run: UInt64, node: UInt64) throws(FleetStoreError) {
        try write { () throws(FleetStoreError) in try base.deleteNodeModel(run: run, node: node) }
    }
}
