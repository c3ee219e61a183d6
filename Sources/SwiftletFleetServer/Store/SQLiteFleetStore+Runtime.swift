import Foundation
import GRDB

/// The server runtime's tables: which message carries which instruction, and how runs ended.
extension SQLiteFleetStore {
    /// Adds the runtime's tables. `instructions` maps an engine instruction — (run, round, attempt, node,
    /// type) — to the message that carries it, so a restarted server re-issues the same message instead of a
    /// new one; `run_outcomes` keeps a finished run's sub-status for GetRun.
    static func registerRuntimeMigration(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v2-runtime") { db in
            try db.execute(sql: """
                CREATE TABLE instructions (run INTEGER NOT NULL, round INTEGER NOT NULL, attempt INTEGER NOT NULL,
                    node INTEGER NOT NULL, type TEXT NOT NULL, message TEXT NOT NULL,
                    PRIMARY KEY (run, round, attempt, node, type));
                CREATE TABLE run_outcomes (run INTEGER PRIMARY KEY, sub_status TEXT NOT NULL, details TEXT NOT NULL);
                CREATE INDEX runs_name ON runs(name);
                """)
        }
    }

    public func runs(named name: String) throws(FleetStoreError) -> [StoredRun] {
        try read("find runs named \(name)") { db in
            try Row.fetchAll(db.cachedStatement(sql: "SELECT * FROM runs WHERE name = ? ORDER BY rowid"), arguments: [name]).map { row in
                StoredRun(id: Self.id(row, "id"), name: row["name"], config: [UInt8]((row["config"] as Data?) ?? Data()),
                          status: row["status"])
            }
        }
    }

    public func finishRun(_ id: UInt64, outcome: RunOutcome) throws(FleetStoreError) {
        try write("finish run \(id)") { db in
            try db.cachedStatement(sql: "UPDATE runs SET status = 'finished' WHERE id = ?").execute(arguments: [Self.key(id)])
            guard db.changesCount == 1 else { throw FleetStoreError("no run \(id)") }
            try db.cachedStatement(sql: "INSERT OR REPLACE INTO run_outcomes VALUES (?, ?, ?)")
                           .execute(arguments: [Self.key(id), outcome.subStatus.rawValue, outcome.details])
        }
    }

    public func runOutcome(_ id: UInt64) throws(FleetStoreError) -> RunOutcome? {
        try read("read outcome of run \(id)") { db in
            try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM run_outcomes WHERE run = ?"), arguments: [Self.key(id)]).map { row in
                RunOutcome(RunOutcome.SubStatus(rawValue: row["sub_status"]) ?? .failed, details: row["details"])
            }
        }
    }

    public func instruction(_ key: InstructionKey) throws(FleetStoreError) -> String? {
        try read("read instruction \(key)") { db in
            try String.fetchOne(db.cachedStatement(sql: """
                SELECT message FROM instructions WHERE run = ? AND round = ? AND attempt = ? AND node = ? AND type = ?
                """), arguments: [Self.key(key.run), key.round, key.attempt, Self.key(key.node), key.type])
        }
    }

    public func saveInstruction(_ key: InstructionKey, message: String) throws(FleetStoreError) {
        try write("save instruction \(key)") { db in try self.insertInstruction(key, message: message, in: db) }
    }

    public func saveInstruction(_ key: InstructionKey, message: StoredMessage, objects: [String: [UInt8]?]) throws(FleetStoreError) {
        try write("save instruction \(key) as message \(message.id)") { db in
            try self.insertInstruction(key, message: message.id, in: db)
            try self.insertMessage(message, objects: objects, in: db)
        }
    }

    private func insertInstruction(_ key: InstructionKey, message: String, in db: Database) throws {
        try db.cachedStatement(sql: "INSERT OR REPLACE INTO instructions VALUES (?, ?, ?, ?, ?, ?)").execute(arguments: [
            Self.key(key.run), key.round, key.attempt, Self.key(key.node), key.type, message])
    }
}
