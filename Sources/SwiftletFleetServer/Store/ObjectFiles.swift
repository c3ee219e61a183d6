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

    /// Opens (creating if needed) the folder at `directory`, keeping up to `spareBytes` of removed objects'
    /// files for reuse.
    init(directory: String, threshold: Int, spareBytes: Int = 1 << 30) throws(FleetStoreError) {
        self.directory = directory
        self.threshold = threshold
        spares = try SpareFiles(directory: directory + "/spare", capacityBytes: spareBytes)
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
        let fd = reused ? open(file, O_WRONLY | O_CLOEXEC) : open(file, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw FleetStoreError("cannot create \(file) for object \(id): \(Self.lastError())") }
        defer { close(fd) }
        var written = 0
        while written < bytes.count {
            let n = bytes.withUnsafeBytes { pwrite(fd, $0.baseAddress! + written, $0.count - written, off_t(written)) }
            if n < 0, errno == EINTR { continue }
            guard n > 0 else { throw FleetStoreError("cannot write object \(id) to \(file): \(Self.lastError())") }
            written += n
        }
        if reused, ftruncate(fd, off_t(bytes.count)) != 0 {
            throw FleetStoreError("cannot cut \(file) of object \(id) to \(bytes.count) bytes: \(Self.lastError())")
        }
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
