import Foundation
import GRDB

/// Objects: content-addressed bytes in their row, or in a file beside the database when large.
///
/// A row of `objects` is in one of three states: expected (`bytes` NULL, `in_file` 0 — declared by a
/// message, not pushed yet), stored in the row (`bytes` set), or stored in a file (`in_file` 1).
extension SQLiteFleetStore {
    /// Adds `objects.in_file` and an index to find the messages that refer to an object.
    static func registerObjectFileMigration(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v4-object-files") { db in
            try db.execute(sql: """
                ALTER TABLE objects ADD COLUMN in_file INTEGER NOT NULL DEFAULT 0;
                CREATE INDEX message_objects_object ON message_objects(object);
                """)
        }
    }

    /// Removes object files no row names, left by a process killed between writing a file and committing
    /// its row, or between deleting rows and their files; answers how many.
    @discardableResult
    func removeOrphanFiles() throws(FleetStoreError) -> Int {
        guard let files else { return 0 }
        let kept = try read("list object files") { db in
            Set(try String.fetchAll(db, sql: "SELECT id FROM objects WHERE in_file = 1"))
        }
        return files.removeFiles(notIn: kept)
    }

    /// Declares object `id` for a message being saved, storing `bytes` when given and not stored yet.
    func declare(_ id: String, bytes: [UInt8]?, in db: Database) throws {
        guard let bytes else {
            try db.cachedStatement(sql: "INSERT OR IGNORE INTO objects (id, bytes, size, in_file) VALUES (?, NULL, 0, 0)")
                           .execute(arguments: [id])
            return
        }
        // Content-addressed: bytes already stored under this id are these bytes; rewriting them (the same
        // model posted to a thousand nodes) would only cost writes.
        let stored = try Bool.fetchOne(db.cachedStatement(sql: "SELECT bytes IS NOT NULL OR in_file FROM objects WHERE id = ?"),
                                       arguments: [id])
        if stored == true { return }
        let inFile = try storeBytes(id, bytes)
        let blob: Data? = inFile ? nil : Data(bytes)
        if stored == nil {
            try db.cachedStatement(sql: "INSERT INTO objects (id, bytes, size, in_file) VALUES (?, ?, ?, ?)")
                           .execute(arguments: [id, blob, bytes.count, inFile])
        } else {
            try db.cachedStatement(sql: "UPDATE objects SET bytes = ?, size = ?, in_file = ? WHERE id = ?")
                           .execute(arguments: [blob, bytes.count, inFile, id])
        }
    }

    /// Writes `bytes` to object `id`'s file when it belongs in one; answers whether it did.
    private func storeBytes(_ id: String, _ bytes: [UInt8]) throws(FleetStoreError) -> Bool {
        guard let files, files.holds(id, count: bytes.count) else { return false }
        try files.save(id, bytes)
        return true
    }

    public func object(_ id: String) throws(FleetStoreError) -> [UInt8]?? {
        let row = try read("read object \(id)") { db in
            try Row.fetchOne(db.cachedStatement(sql: "SELECT bytes, in_file FROM objects WHERE id = ?"), arguments: [id])
        }
        guard let row else { return nil }
        if row["in_file"] as Bool {
            guard let files else { throw FleetStoreError("object \(id) is recorded in a file, but this store has no folder") }
            return .some(try files.read(id))
        }
        return .some((row["bytes"] as Data?).map { [UInt8]($0) })
    }

    public func stageObjects(_ objects: [(id: String, bytes: [UInt8])]) throws(FleetStoreError) -> [StagedObject] {
        var staged: [StagedObject] = []
        staged.reserveCapacity(objects.count)
        do {
            for object in objects {
                var file: String?
                if let files, files.holds(object.id, count: object.bytes.count) { file = try files.stage(object.bytes) }
                staged.append(StagedObject(id: object.id, bytes: object.bytes, stagingFile: file))
            }
        } catch {
            discardStaged(staged)
            throw error
        }
        return staged
    }

    public func putObjects(_ objects: [StagedObject]) throws(FleetStoreError) -> [ObjectPutOutcome] {
        try write("store \(objects.count) objects") { db in
            // Every object's state first, so that an unknown one stops the call before any file is placed.
            let expected = try db.cachedStatement(sql: "SELECT bytes IS NULL AND in_file = 0 FROM objects WHERE id = ?")
            var taken = Set<String>()
            var outcomes: [ObjectPutOutcome] = []
            outcomes.reserveCapacity(objects.count)
            for object in objects {
                switch try Bool.fetchOne(expected, arguments: [object.id]) {
                case nil: outcomes.append(.unknown)
                case false?: outcomes.append(.alreadyStored)
                case true?: outcomes.append(taken.insert(object.id).inserted ? .stored : .alreadyStored)
                }
            }
            guard !outcomes.contains(.unknown) else { return outcomes }
            let update = try db.cachedStatement(sql: "UPDATE objects SET bytes = ?, size = ?, in_file = ? WHERE id = ?")
            for (object, outcome) in zip(objects, outcomes) where outcome == .stored {
                // The file is in place before the row naming it commits, as ``ObjectFiles`` requires.
                let inFile: Bool
                if let staged = object.stagingFile, let files {
                    try files.place(staged, as: object.id)
                    inFile = true
                } else {
                    inFile = try storeBytes(object.id, object.bytes)
                }
                try update.execute(arguments: [inFile ? nil : Data(object.bytes), object.bytes.count, inFile, object.id])
            }
            return outcomes
        }
    }

    /// Makes sure the object folder holds `count` spare files (within the store's spare bytes), writing new
    /// ones of `size` bytes, and answers how many files and bytes it added; nothing for a store in memory or
    /// for uploads under the file threshold, which stay in their rows.
    ///
    /// Call it before serving, with a round's expected uploads: the replies' files then overwrite spares, as
    /// every later round's do, instead of each creating a file (see ``SpareFiles/prepare(count:size:)``).
    /// - Throws: ``FleetStoreError`` naming a file that could not be written.
    public func prepareSpareFiles(count: Int, size: Int) throws(FleetStoreError) -> (files: Int, bytes: Int) {
        guard let files, size >= files.threshold else { return (0, 0) }
        return try files.spares.prepare(count: count, size: size)
    }

    /// How many spare files the object folder holds and their bytes; none for a store in memory.
    public var spareFiles: (files: Int, bytes: Int) { files?.spares.count ?? (0, 0) }

    public func discardStaged(_ objects: [StagedObject]) {
        guard let files else { return }
        for case let staged? in objects.map(\.stagingFile) { files.discard(staged) }
    }

    public func missingObjects(of id: String) throws(FleetStoreError) -> [String] {
        try read("read missing objects of \(id)") { db in
            try String.fetchAll(db.cachedStatement(sql: """
                SELECT o.id FROM message_objects m JOIN objects o ON o.id = m.object
                WHERE m.message = ? AND o.bytes IS NULL AND o.in_file = 0 ORDER BY o.id
                """), arguments: [id])
        }
    }

    public func objectIDs(of id: String) throws(FleetStoreError) -> [String] {
        try read("read objects of \(id)") { db in
            try String.fetchAll(db.cachedStatement(sql: "SELECT object FROM message_objects WHERE message = ? ORDER BY object"), arguments: [id])
        }
    }
}
