import Foundation
import GRDB

/// The fleet's state in SQLite through GRDB: one file in WAL mode, or memory for tests.
///
/// Node and run ids are `UInt64` and stored as their `Int64` bit pattern, since SQLite integers are signed.
/// The schema is versioned by GRDB's migrator, so a server restarted on an older file upgrades it in place.
public final class SQLiteFleetStore: FleetStore {
    let db: any DatabaseWriter
    /// Where large objects' bytes live: files beside the database; `nil` in memory, where every object
    /// stays in its row.
    let files: ObjectFiles?

    /// The default size from which an object's bytes are kept in a file rather than in the database.
    public static let defaultFileThreshold = 64 << 10
    /// The default most bytes of deleted objects' files kept for reuse: a 1,000-node round of a 200k-parameter
    /// model's updates (780 MiB), with room to spare.
    public static let defaultSpareFileBytes = 1 << 30

    /// Opens (creating if needed) the database at `path`, in WAL mode, and migrates it to the current schema.
    ///
    /// Durability: WAL with `synchronous = NORMAL`. A committed transaction survives the process being killed
    /// (`kill -9`, a crash): it is in the WAL file, which SQLite replays on the next open. Only a power loss or
    /// an operating-system crash can lose the last transactions before a checkpoint — the price of not
    /// calling fsync on every heartbeat and object upload; `synchronous = FULL` would make each commit wait
    /// for the disk.
    ///
    /// Objects of `fileThreshold` bytes or more (model updates) are kept as files in the folder
    /// `path + ".objects"` (see ``ObjectFiles``), each written once, instead of twice through the WAL.
    /// Up to `spareFileBytes` of deleted objects' files are kept there for reuse (see
    /// ``prepareSpareFiles(count:size:)``); 0 keeps none.
    public init(path: String, fileThreshold: Int = SQLiteFleetStore.defaultFileThreshold,
                spareFileBytes: Int = SQLiteFleetStore.defaultSpareFileBytes) throws(FleetStoreError) {
        var configuration = Configuration()
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            // Checkpoint every 32 MiB of WAL rather than SQLite's 4 MiB: an index page rewritten by many
            // commits in between is copied into the database once, and the fsync that ends a checkpoint
            // comes an eighth as often.
            try db.execute(sql: "PRAGMA wal_autocheckpoint = 8192")
        }
        // A server restarted while its predecessor's last connections close (or a backup reading the file)
        // waits for the lock rather than failing at once.
        configuration.busyMode = .timeout(10)
        do {
            db = try DatabasePool(path: path, configuration: configuration)
        } catch {
            throw FleetStoreError("cannot open \(path): \(error)")
        }
        files = try ObjectFiles(directory: path + ".objects", threshold: fileThreshold, spareBytes: max(0, spareFileBytes))
        try migrate()
        try removeOrphanFiles()
    }

    /// A store in memory, for tests: gone when the store is.
    public init() throws(FleetStoreError) {
        do { db = try DatabaseQueue() } catch { throw FleetStoreError("cannot open in-memory database: \(error)") }
        files = nil
        try migrate()
    }

    private func migrate() throws(FleetStoreError) {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: """
                CREATE TABLE nodes (id INTEGER PRIMARY KEY, public_key BLOB NOT NULL, status TEXT NOT NULL,
                    heartbeat_interval DOUBLE NOT NULL, last_seen DOUBLE NOT NULL, registered_at DOUBLE NOT NULL);
                CREATE INDEX nodes_key ON nodes(public_key);
                CREATE TABLE runs (id INTEGER PRIMARY KEY, name TEXT NOT NULL, config BLOB NOT NULL, status TEXT NOT NULL);
                CREATE TABLE rounds (run INTEGER NOT NULL, round INTEGER NOT NULL, status TEXT NOT NULL,
                    record BLOB NOT NULL, PRIMARY KEY (run, round));
                CREATE TABLE messages (id TEXT PRIMARY KEY, run INTEGER NOT NULL, src INTEGER NOT NULL,
                    dst INTEGER NOT NULL, type TEXT NOT NULL, grp TEXT NOT NULL, created DOUBLE NOT NULL,
                    ttl DOUBLE NOT NULL, reply_to TEXT NOT NULL, status TEXT NOT NULL, metadata BLOB NOT NULL,
                    tree BLOB NOT NULL);
                CREATE INDEX messages_dst ON messages(dst, status);
                CREATE INDEX messages_reply ON messages(reply_to);
                CREATE TABLE objects (id TEXT PRIMARY KEY, bytes BLOB, size INTEGER NOT NULL);
                CREATE TABLE message_objects (message TEXT NOT NULL, object TEXT NOT NULL, PRIMARY KEY (message, object));
                CREATE TABLE checkpoints (run INTEGER NOT NULL, round INTEGER NOT NULL, blob BLOB NOT NULL,
                    PRIMARY KEY (run, round));
                """)
        }
        Self.registerRuntimeMigration(in: &migrator)
        Self.registerNodeModelMigration(in: &migrator)
        Self.registerObjectFileMigration(in: &migrator)
        Self.registerSettlingMigration(in: &migrator)
        do { try migrator.migrate(db) } catch { throw FleetStoreError("cannot migrate schema: \(error)") }
    }

    /// Runs `body`'s queries on the writer's connection, outside any transaction.
    ///
    /// The service asks one question at a time (its actor serialises store calls), so the reader pool's
    /// parallelism went unused, while each pooled read paid for a reader checkout and a `BEGIN`/`COMMIT`
    /// pair — a tenth of the server's CPU in a 1,000-node round. On the writer's connection no write can
    /// run between `body`'s statements, so a read of several statements still sees one state, and a
    /// single `SELECT` is atomic on its own.
    func read<T>(_ what: String, _ body: (Database) throws -> T) throws(FleetStoreError) -> T {
        do { return try db.writeWithoutTransaction(body) } catch { throw FleetStoreError("\(what): \(error)") }
    }

    func write<T>(_ what: String, _ body: (Database) throws -> T) throws(FleetStoreError) -> T {
        do { return try db.write(body) } catch { throw FleetStoreError("\(what): \(error)") }
    }

    static func key(_ id: UInt64) -> Int64 { Int64(bitPattern: id) }
    static func id(_ row: Row, _ column: String) -> UInt64 { UInt64(bitPattern: row[column] as Int64) }
    private static func bytes(_ row: Row, _ column: String) -> [UInt8] { [UInt8]((row[column] as Data?) ?? Data()) }

    private static func node(_ row: Row) -> StoredNode {
        StoredNode(id: id(row, "id"), publicKey: bytes(row, "public_key"),
                   status: StoredNode.Status(rawValue: row["status"]) ?? .offline,
                   heartbeatInterval: row["heartbeat_interval"],
                   lastSeen: Date(timeIntervalSince1970: row["last_seen"]),
                   registeredAt: Date(timeIntervalSince1970: row["registered_at"]))
    }

    private static func message(_ row: Row) -> StoredMessage {
        StoredMessage(id: row["id"], run: id(row, "run"), source: id(row, "src"), destination: id(row, "dst"),
                      type: row["type"], group: row["grp"], createdAt: row["created"], ttl: row["ttl"],
                      replyTo: row["reply_to"], status: StoredMessage.Status(rawValue: row["status"]) ?? .expired,
                      metadata: bytes(row, "metadata"), tree: bytes(row, "tree"))
    }

    public func saveNode(_ node: StoredNode) throws(FleetStoreError) {
        try write("save node \(node.id)") { db in
            try db.cachedStatement(sql: "INSERT OR REPLACE INTO nodes VALUES (?, ?, ?, ?, ?, ?)").execute(arguments: [
                Self.key(node.id), Data(node.publicKey), node.status.rawValue, node.heartbeatInterval,
                node.lastSeen.timeIntervalSince1970, node.registeredAt.timeIntervalSince1970])
        }
    }

    public func node(_ id: UInt64) throws(FleetStoreError) -> StoredNode? {
        try read("read node \(id)") { db in
            try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM nodes WHERE id = ?"), arguments: [Self.key(id)]).map(Self.node)
        }
    }

    public func node(publicKey: [UInt8]) throws(FleetStoreError) -> StoredNode? {
        try read("find node by key") { db in
            try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM nodes WHERE public_key = ?"), arguments: [Data(publicKey)]).map(Self.node)
        }
    }

    public func allNodes() throws(FleetStoreError) -> [StoredNode] {
        try read("read nodes") { db in try Row.fetchAll(db, sql: "SELECT * FROM nodes").map(Self.node) }
    }

    public func deleteNode(_ id: UInt64) throws(FleetStoreError) {
        try write("delete node \(id)") { db in
            try db.cachedStatement(sql: "UPDATE messages SET status = 'expired' WHERE dst = ? AND status = 'pending'")
                           .execute(arguments: [Self.key(id)])
            try db.cachedStatement(sql: "DELETE FROM nodes WHERE id = ?").execute(arguments: [Self.key(id)])
        }
    }

    public func saveRun(_ run: StoredRun) throws(FleetStoreError) {
        try write("save run \(run.id)") { db in
            try db.cachedStatement(sql: "INSERT OR REPLACE INTO runs VALUES (?, ?, ?, ?)")
                           .execute(arguments: [Self.key(run.id), run.name, Data(run.config), run.status])
        }
    }

    public func run(_ id: UInt64) throws(FleetStoreError) -> StoredRun? {
        try read("read run \(id)") { db in
            try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM runs WHERE id = ?"), arguments: [Self.key(id)]).map { row in
                StoredRun(id: Self.id(row, "id"), name: row["name"], config: Self.bytes(row, "config"), status: row["status"])
            }
        }
    }

    public func saveMessage(_ m: StoredMessage, objects: [String: [UInt8]?]) throws(FleetStoreError) {
        try write("save message \(m.id)") { db in try self.insertMessage(m, objects: objects, in: db) }
    }

    /// Stores message `m` and its objects in `db`'s open transaction, unless a message with its id is stored.
    func insertMessage(_ m: StoredMessage, objects: [String: [UInt8]?], in db: Database) throws {
        if try Bool.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM messages WHERE id = ?"), arguments: [m.id]) != nil { return }
        try db.cachedStatement(sql: "INSERT INTO messages VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)").execute(arguments: [
            m.id, Self.key(m.run), Self.key(m.source), Self.key(m.destination), m.type, m.group, m.createdAt,
            m.ttl, m.replyTo, m.status.rawValue, Data(m.metadata), Data(m.tree)])
        if !m.replyTo.isEmpty {
            try db.cachedStatement(sql: "UPDATE messages SET status = 'replied' WHERE id = ?").execute(arguments: [m.replyTo])
        }
        for (id, bytes) in objects {
            try declare(id, bytes: bytes, in: db)
            try db.cachedStatement(sql: "INSERT OR IGNORE INTO message_objects VALUES (?, ?)").execute(arguments: [m.id, id])
        }
    }

    public func message(_ id: String) throws(FleetStoreError) -> StoredMessage? {
        try read("read message \(id)") { db in
            try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM messages WHERE id = ?"), arguments: [id]).map(Self.message)
        }
    }

    public func messages(to destination: UInt64, statuses: [StoredMessage.Status], limit: Int) throws(FleetStoreError) -> [StoredMessage] {
        try read("read messages for node \(destination)") { db in
            var arguments: StatementArguments = [Self.key(destination)]
            for status in statuses { arguments += [status.rawValue] }
            arguments += [limit]
            return try Row.fetchAll(db.cachedStatement(sql: Self.messagesSQL(statuses: statuses.count)), arguments: arguments)
                .map(Self.message)
        }
    }

    /// The query behind ``messages(to:statuses:limit:)``, for `statuses` status values.
    ///
    /// `+reply_to` keeps SQLite off the `reply_to` index: every instruction shares its empty `reply_to`, so
    /// that index made each poll scan every instruction ever sent; `(dst, status)` finds a node's few.
    static func messagesSQL(statuses: Int) -> String {
        let marks = Array(repeating: "?", count: statuses).joined(separator: ", ")
        return """
            SELECT * FROM messages WHERE dst = ? AND +reply_to = '' AND status IN (\(marks))
            ORDER BY created, id LIMIT ?
            """
    }

    public func reply(to id: String) throws(FleetStoreError) -> StoredMessage? {
        try read("read reply to \(id)") { db in
            try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM messages WHERE reply_to = ?"), arguments: [id]).map(Self.message)
        }
    }

    public func setStatus(_ status: StoredMessage.Status, messages ids: [String]) throws(FleetStoreError) {
        try write("set message status") { db in
            for id in ids {
                try db.cachedStatement(sql: "UPDATE messages SET status = ? WHERE id = ?").execute(arguments: [status.rawValue, id])
            }
        }
    }

    public func saveCheckpoint(_ c: StoredCheckpoint, status: String) throws(FleetStoreError) {
        try write("save checkpoint of run \(c.run) round \(c.round)") { db in
            try db.cachedStatement(sql: "INSERT OR REPLACE INTO rounds VALUES (?, ?, ?, ?)")
                           .execute(arguments: [Self.key(c.run), c.round, status, Data(c.record)])
            try db.cachedStatement(sql: "INSERT OR REPLACE INTO checkpoints VALUES (?, ?, ?)")
                           .execute(arguments: [Self.key(c.run), c.round, Data(c.blob)])
        }
    }

    public func latestCheckpoint(run: UInt64) throws(FleetStoreError) -> StoredCheckpoint? {
        try read("read latest checkpoint of run \(run)") { db in
            try Row.fetchOne(db.cachedStatement(sql: """
                SELECT c.round, c.blob, r.record FROM checkpoints c JOIN rounds r ON r.run = c.run AND r.round = c.round
                WHERE c.run = ? ORDER BY c.round DESC LIMIT 1
                """), arguments: [Self.key(run)]).map { row in
                StoredCheckpoint(run: run, round: row["round"], record: Self.bytes(row, "record"), blob: Self.bytes(row, "blob"))
            }
        }
    }

    public func counts() throws(FleetStoreError) -> FleetStoreCounts {
        try read("count rows") { db in
            func count(_ table: String) throws -> Int { try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table)") ?? 0 }
            var c = FleetStoreCounts()
            c.nodes = try count("nodes"); c.runs = try count("runs"); c.rounds = try count("rounds")
            c.messages = try count("messages"); c.objects = try count("objects")
            c.messageObjects = try count("message_objects"); c.checkpoints = try count("checkpoints")
            return c
        }
    }
}
