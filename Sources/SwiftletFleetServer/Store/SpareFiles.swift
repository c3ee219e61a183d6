import Foundation
import Synchronization

/// Files of deleted objects kept for reuse, so that writing the next round's objects overwrites pages and
/// blocks the filesystem already holds.
///
/// Creating a file and filling it costs the kernel a new inode, new blocks and fresh page-cache pages;
/// overwriting a file of about the same size costs only the copy. Measured on this project's 2-core machine,
/// writing a thousand 800 kB files cost 0.5-0.6 s of CPU when each was new, 0.09 s when each overwrote an
/// old one. A deleted round's model updates are about the size of the next round's, so deleting renames a
/// file into `spare/` (up to `capacityBytes` in all) and saving renames a spare to the new object's name.
final class SpareFiles: Sendable {
    /// The folder holding the spares, named by the id of the object they last held.
    let directory: String
    /// Most bytes kept in spares; files deleted beyond that are unlinked.
    let capacityBytes: Int
    private let pool: Mutex<(names: [String], sizes: [String: Int], bytes: Int)>

    /// Opens (creating if needed) the folder `directory`, taking the spares a previous process left.
    init(directory: String, capacityBytes: Int) throws(FleetStoreError) {
        self.directory = directory
        self.capacityBytes = capacityBytes
        do { try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true) } catch {
            throw FleetStoreError("cannot prepare spare folder \(directory): \(error)")
        }
        var names: [String] = [], sizes: [String: Int] = [:], bytes = 0
        for name in ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).sorted() {
            var info = stat()
            guard stat(directory + "/" + name, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { continue }
            names.append(name)
            sizes[name] = Int(info.st_size)
            bytes += Int(info.st_size)
        }
        pool = Mutex((names, sizes, bytes))
    }

    /// Moves `path` (a file of `size` bytes named `name`) into the spares, or answers `false` when the spares
    /// are full or the move fails, leaving the caller to unlink it.
    func keep(_ path: String, name: String, size: Int) -> Bool {
        pool.withLock { pool in
            guard pool.bytes + size <= capacityBytes, pool.sizes[name] == nil,
                  rename(path, directory + "/" + name) == 0 else { return false }
            pool.names.append(name)
            pool.sizes[name] = size
            pool.bytes += size
            return true
        }
    }

    /// Moves a spare to `path` and answers `true`, or answers `false` when there is none.
    func take(to path: String) -> Bool {
        pool.withLock { pool in
            while let name = pool.names.popLast() {
                let size = pool.sizes.removeValue(forKey: name) ?? 0
                pool.bytes -= size
                if rename(directory + "/" + name, path) == 0 { return true }
            }
            return false
        }
    }

    /// Adds spares until there are `count` (those already here included) or the next would pass
    /// `capacityBytes`, each a new file of `size` zero bytes, and answers how many files and bytes it added.
    ///
    /// A fresh deployment has no spares, so its first round would create every upload's file: on this
    /// project's 2-core VM that cost a 1,000-node round 2.5 s of server CPU more than later rounds (new
    /// inodes, blocks and page-cache pages, measured with `perf`). Preparing them before the first round
    /// moves that cost to start-up, once per deployment: spares survive restarts. The files are written
    /// whole rather than `fallocate`d, because overwriting an allocated but never-written extent still costs
    /// its conversion and fresh pages, and measured no faster than no spare at all.
    /// - Throws: ``FleetStoreError`` naming the file that could not be written; the spares made before it stay.
    func prepare(count: Int, size: Int) throws(FleetStoreError) -> (files: Int, bytes: Int) {
        guard count > 0, size > 0 else { return (0, 0) }
        var zeros: [UInt8] = []
        var added = (files: 0, bytes: 0)
        var number = 0
        while let name = nextPreparedName(after: &number, count: count, size: size) {
            let path = directory + "/" + name
            if zeros.isEmpty { zeros = [UInt8](repeating: 0, count: size) }
            do { try ObjectFileWriter.write(zeros, to: path, create: true) } catch {
                unlink(path)
                throw error
            }
            // Already in the folder under its name: keeping it only counts it in.
            guard keep(path, name: name, size: size) else {
                unlink(path)
                break
            }
            added.files += 1
            added.bytes += size
        }
        return added
    }

    /// The next `prepared-<n>` name no spare has, or `nil` when there are `count` spares or no room for
    /// another of `size` bytes.
    private func nextPreparedName(after number: inout Int, count: Int, size: Int) -> String? {
        pool.withLock { pool in
            guard pool.names.count < count, pool.bytes + size <= capacityBytes else { return nil }
            while pool.sizes["prepared-\(number)"] != nil { number += 1 }
            return "prepared-\(number)"
        }
    }

    /// How many spares there are and their bytes.
    var count: (files: Int, bytes: Int) { pool.withLock { ($0.names.count, $0.bytes) } }
}
