import Foundation
import GRDB

/// The models nodes hold for compressed downlinks, content-addressed: `node_model_blobs` keeps each distinct
/// model once by digest, however many nodes hold it; `node_models` points each (run, node) at one. A blob no
/// node points at is deleted in the transaction that drops its last reference.
extension SQLiteFleetStore {
    static func registerNodeModelMigration(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v3-node-models") { db in
            try db.execute(sql: """
                CREATE TABLE node_model_blobs (digest TEXT PRIMARY KEY, model BLOB NOT NULL);
                CREATE TABLE node_models (run INTEGER NOT NULL, node INTEGER NOT NULL, digest TEXT NOT NULL,
                    PRIMARY KEY (run, node));
                CREATE INDEX node_models_digest ON node_models(digest);
                """)
        }
    }

    public func nodeModel(run: UInt64, node: UInt64) throws(FleetStoreError) -> StoredNodeModel? {
        try read("read the model node \(node) holds in run \(run)") { db in
            try Row.fetchOne(db.cachedStatement(sql: """
                SELECT b.digest, b.model FROM node_models m JOIN node_model_blobs b ON b.digest = m.digest
                WHERE m.run = ? AND m.node = ?
                """), arguments: [Self.key(run), Self.key(node)]).map { row in
                StoredNodeModel(digest: row["digest"], values: Self.floats((row["model"] as Data?) ?? Data()))
            }
        }
    }

    public func saveNodeModel(_ model: StoredNodeModel, run: UInt64, node: UInt64) throws(FleetStoreError) {
        try write("save the model node \(node) holds in run \(run)") { db in
            let old = try Self.referencedDigest(db, run: run, node: node)
            guard old != model.digest else { return }
            try db.cachedStatement(sql: "INSERT OR IGNORE INTO node_model_blobs VALUES (?, ?)")
                .execute(arguments: [model.digest, model.values.withUnsafeBytes { Data($0) }])
            try db.cachedStatement(sql: "INSERT OR REPLACE INTO node_models VALUES (?, ?, ?)")
                .execute(arguments: [Self.key(run), Self.key(node), model.digest])
            if let old { try Self.deleteIfUnreferenced(db, digest: old) }
        }
    }

    public func deleteNodeModel(run: UInt64, node: UInt64) throws(FleetStoreError) {
        try write("forget the model node \(node) holds in run \(run)") { db in
            guard let old = try Self.referencedDigest(db, run: run, node: node) else { return }
            try db.cachedStatement(sql: "DELETE FROM node_models WHERE run = ? AND node = ?")
                .execute(arguments: [Self.key(run), Self.key(node)])
            try Self.deleteIfUnreferenced(db, digest: old)
        }
    }

    /// How many distinct node models are stored (each once, however many nodes hold it).
    public func nodeModelBlobCount() throws(FleetStoreError) -> Int {
        try read("count node models") { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM node_model_blobs") ?? 0 }
    }

    private static func referencedDigest(_ db: Database, run: UInt64, node: UInt64) throws -> String? {
        try String.fetchOne(db.cachedStatement(sql: "SELECT digest FROM node_models WHERE run = ? AND node = ?"),
                            arguments: [key(run), key(node)])
    }

    private static func deleteIfUnreferenced(_ db: Database, digest: String) throws {
        try db.cachedStatement(sql: """
            DELETE FROM node_model_blobs WHERE digest = ? AND NOT EXISTS (SELECT 1 FROM node_models WHERE digest = ?)
            """).execute(arguments: [digest, digest])
    }

    /// Float32 values from their in-memory (little-endian) bytes; a trailing partial value is dropped.
    private static func floats(_ data: Data) -> [Float] {
        let count = data.count / 4
        var values = [Float](repeating: 0, count: count)
        values.withUnsafeMutableBytes { target in _ = data.copyBytes(to: target, count: count * 4) }
        return values
    }
}
