import Foundation
import SwiftletFleetProtocol

/// Large objects' bytes as files beside the database, one file per object, named by its id.
///
/// A model update is hundreds of kilobytes. Kept in SQLite it is written twice — into the write-ahead log,
/// then copied into the database file at the next checkpoint, which reads it back first — and every page
/// costs a WAL frame. As a file it is written once. Content addressing makes each file write-once: its
/// name is the SHA-256 of its bytes, so a second write of the same id writes the same bytes, and a reader
/// can check a file against its name.
///
/// Uploads are written ahead of their transaction into a staging folder (``stage(_:)``) and renamed into
/// place inside it (``place(_:as:)``), so the costly write runs outside the service's actor.
///
/// Crash safety matches the database's: a file is complete before the row naming it commits, so a process
/// killed at any point leaves either no row (and perhaps a partial file, which the next write of that object
/// replaces and the next open removes) or a row with its whole file. Like the WAL with `synchronous = NORMAL`,
/// files are not fsynced: an operating-system crash or power loss can lose the latest ones, and reading
/// such an object then fails with an error naming the file rather than returning wrong bytes.
struct ObjectFiles: Sendable {
    /// The folder holding the files, in 256 subfolders named by the ids' first two hex digits.
    let directory: String
    /// Objects of at least this many bytes go to files; smaller ones stay in their database row.
    let threshold: Int
    /// Files of removed objects, reused by the next saves (in `spare/`).
    let spares: SpareFiles
    /// Uploads written ahead of the transaction that stores them (in `staging/`).
    let staging: StagingFolder

    /// Opens (creating if needed) the folder at `directory`, keeping up to `spareBytes` of removed objects'
    /// files for reuse.
    init(directory: String, threshold: Int, spareBytes: Int = 1 << 30) throws(FleetStoreError) {
        self.directory = directory
        self.threshold = threshold
        spares = try SpareFiles(directory: directory + "/spare", capacityBytes: spareBytes)
        staging = try StagingFolder(directory: directory + "/staging")
        let manager = FileManager.default
        do {
            for prefix in 0..<256 {
                let folder = directory + "/" + Self.hex(UInt8(prefix))
                try manager.createDirectory(atPath: folder, withIntermediateDirectories: true)
            }
        } catch {
            throw FleetStoreError("cannot prepare object folder \(directory): \(error)")
        }
    }

    /// Whether `bytes` for `id` belong in a file: large enough, and an id that is a safe file name.
    func holds(_ id: String, count: Int) -> Bool {
        count >= threshold && ObjectID(rawValue: id) != nil
    }

    /// The file of object `id`.
    func path(_ id: String) -> String {
        directory + "/" + id.prefix(2) + "/" + id
    }

    /// Writes `bytes` as object `id`'s file, replacing whatever a killed writer left there.
    ///
    /// The file is written before the row naming it commits, and a reader checks it against its id, so
    /// writing in place needs no temporary file and rename. When a spare file is at hand it becomes this
    /// object's file and is overwritten, then cut to length: a process killed meanwhile leaves a file no row
    /// names, which the next open removes.
    func save(_ id: String, _ bytes: [UInt8]) throws(FleetStoreError) {
        let file = path(id)
        let reused = spares.take(to: file)
        do { try ObjectFileWriter.write(bytes, to: file, create: !reused) } catch {
            throw FleetStoreError("object \(id): \(error.message)")
        }
    }

    /// Writes `bytes` to a new staging file and answers its path, for ``place(_:as:)`` to move into place
    /// once the object's row is being stored. Safe to call from many threads at once.
    func stage(_ bytes: [UInt8]) throws(FleetStoreError) -> String {
        let file = staging.newPath()
        let reused = spares.take(to: file)
        do { try ObjectFileWriter.write(bytes, to: file, create: !reused) } catch {
            unlink(file)
            throw FleetStoreError("staging an upload: \(error.message)")
        }
        return file
    }

    /// Makes the staging file `staged` object `id`'s file (a rename: the bytes are not copied again).
    func place(_ staged: String, as id: String) throws(FleetStoreError) {
        guard rename(staged, path(id)) == 0 else {
            throw FleetStoreError("cannot move staged upload \(staged) to \(path(id)): \(Self.lastError())")
        }
    }

    /// Removes the staging file `staged` if it is still there (not placed), keeping it as a spare while
    /// there is room.
    func discard(_ staged: String) {
        var info = stat()
        guard stat(staged, &info) == 0 else { return }
        let name = String(staged.split(separator: "/").last ?? "")
        if !spares.keep(staged, name: name, size: Int(info.st_size)) { unlink(staged) }
    }

    private static func lastError() -> String { String(cString: strerror(errno)) }

    /// The bytes of object `id`, checked against the id.
    /// - Throws: ``FleetStoreError`` naming the file when it is missing, unreadable or not the object's bytes.
    func read(_ id: String) throws(FleetStoreError) -> [UInt8] {
        let file = path(id)
        guard let data = FileManager.default.contents(atPath: file) else {
            throw FleetStoreError("object \(id): file \(file) is missing or unreadable")
        }
        let bytes = [UInt8](data)
        guard ObjectID(of: bytes).rawValue == id else {
            throw FleetStoreError("object \(id): file \(file) holds other bytes (\(bytes.count) bytes)")
        }
        return bytes
    }

    /// Removes every file whose id is not in `kept` — files a killed process left: written for a row that
    /// never committed, or of deleted rows not yet unlinked — and answers how many.
    func removeFiles(notIn kept: Set<String>) -> Int {
        var removed = 0
        for prefix in 0..<256 {
            let folder = directory + "/" + Self.hex(UInt8(prefix))
            for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] where !kept.contains(name) {
                if unlink(folder + "/" + name) == 0 { removed += 1 }
            }
        }
        return removed
    }

    /// Removes the files of `ids`, keeping them as spares while there is room; one already gone is not an
    /// error.
    func remove(_ ids: [String]) {
        for id in ids where ObjectID(rawValue: id) != nil {
            let file = path(id)
            var info = stat()
            guard stat(file, &info) == 0 else { continue }
            if !spares.keep(file, name: id, size: Int(info.st_size)) { unlink(file) }
        }
    }

    private static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789abcdef")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 15)]])
    }
}
