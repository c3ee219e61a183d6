import GRDB

/// Settling rounds: deleting the objects of rounds whose checkpoint is stored.
///
/// `settled_rounds` remembers, per run, the last round settled and the last message row there was then, so
/// a checkpoint looks only at messages stored since (a rowid range) and at older messages of the rounds it
/// newly settles (the `(run, grp)` index), rather than at every message the run ever had — which made
/// settling cost grow with the run's length, 2,000 messages a round at 1,000 nodes. Messages stored since
/// include replies that arrive after their round was settled, whose bytes the next checkpoint deletes.
/// The mark is written in the deletion's transaction: a crash before it leaves the mark where it was, and
/// the next checkpoint settles the missed round with its own.
extension SQLiteFleetStore {
    /// Adds the index on a message's run and group, and the table of settled rounds.
    static func registerSettlingMigration(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v5-settled-rounds") { db in
            try db.execute(sql: """
                CREATE INDEX messages_run_group ON messages(run, grp);
                CREATE TABLE settled_rounds (run INTEGER PRIMARY KEY, through INTEGER NOT NULL,
                    message_rowid INTEGER NOT NULL);
                """)
        }
    }

    public func deleteSettledObjects(run: UInt64, through round: Int) throws(FleetStoreError) -> Int {
        // A message is settled when it belongs to `run` and its group is a round number up to `round`.
        let settled = "m.run = ? AND m.grp GLOB '[0-9]*' AND m.grp NOT GLOB '*[^0-9]*' AND CAST(m.grp AS INTEGER) <= ?"
        let (ids, files) = try write("delete settled objects of run \(run) through round \(round)") { db -> ([String], [String]) in
            let mark = try Row.fetchOne(db.cachedStatement(sql: "SELECT through, message_rowid FROM settled_rounds WHERE run = ?"),
                                        arguments: [Self.key(run)])
            let lastRow = try Int64.fetchOne(db, sql: "SELECT MAX(rowid) FROM messages") ?? 0
            let done: Int? = mark?["through"]
            let seenRow: Int64? = mark?["message_rowid"]
            // Candidates first, each once: a model posted to a thousand nodes is one object with a thousand
            // references, and checking it per reference would be quadratic.
            let candidates: [Row]
            if let done, let seenRow, seenRow <= lastRow {
                // The server names a round's messages by the round's decimal number (RemoteNodeClient).
                let groups = done < round ? ((done + 1)...round).map(String.init) : []
                let marks = Array(repeating: "?", count: groups.count).joined(separator: ", ")
                let newlySettled = groups.isEmpty ? "" : "UNION SELECT m.id FROM messages m WHERE m.run = ? AND m.grp IN (\(marks))"
                var arguments: [any DatabaseValueConvertible] = [seenRow, Self.key(run), round]
                if !groups.isEmpty { arguments += [Self.key(run)] as [any DatabaseValueConvertible] + groups }
                candidates = try Row.fetchAll(db, sql: """
                    SELECT o.id, o.in_file FROM objects o WHERE o.id IN (
                        SELECT mo.object FROM message_objects mo WHERE mo.message IN (
                            SELECT m.id FROM messages m WHERE m.rowid > ? AND \(settled) \(newlySettled)))
                    """, arguments: StatementArguments(arguments))
            } else {
                // No mark yet (the run's first checkpoint, a store from before marks, or rows renumbered by a
                // VACUUM): every message of the run.
                candidates = try Row.fetchAll(db, sql: """
                    SELECT o.id, o.in_file FROM objects o WHERE o.id IN (
                        SELECT mo.object FROM messages m JOIN message_objects mo ON mo.message = m.id WHERE \(settled))
                    """, arguments: [Self.key(run), round])
            }
            let stillNeeded = try db.cachedStatement(sql: """
                SELECT 1 FROM message_objects mo JOIN messages m ON m.id = mo.message
                WHERE mo.object = ? AND NOT (\(settled)) LIMIT 1
                """)
            let delete = try db.cachedStatement(sql: "DELETE FROM objects WHERE id = ?")
            var ids: [String] = [], files: [String] = []
            for row in candidates {
                let id: String = row["id"]
                guard try Bool.fetchOne(stillNeeded, arguments: [id, Self.key(run), round]) == nil else { continue }
                try delete.execute(arguments: [id])
                ids.append(id)
                if row["in_file"] as Bool { files.append(id) }
            }
            try db.cachedStatement(sql: "INSERT OR REPLACE INTO settled_rounds VALUES (?, ?, ?)")
                           .execute(arguments: [Self.key(run), max(done ?? round, round), lastRow])
            return (ids, files)
        }
        // After the commit: a crash before this leaves files no row names (removed at the next open), never
        // a row without its file.
        self.files?.remove(files)
        return ids.count
    }
}
