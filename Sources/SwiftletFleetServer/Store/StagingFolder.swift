import Foundation
import Synchronization

/// The folder where uploads are written before the transaction that stores them moves them into place.
///
/// Writing an upload's file is the costly part of storing it, and it needs none of the fleet's state, so
/// requests do it in parallel, before the store's serialised transaction, which then only renames the file.
/// Written inside the transaction, on the service's actor, a fresh server's thousand new 800 kB files took
/// 2.6 s of its first round's CPU (measured with `perf` on this project's 2-core VM) while every other
/// request waited; staged, they overlap with the rest of the round.
/// Each staging file has a name no other in this process had; a process killed before renaming leaves its
/// staging files behind, and opening the folder removes them.
final class StagingFolder: Sendable {
    /// The folder's path.
    let directory: String
    private let counter = Atomic<UInt64>(0)

    /// Opens (creating if needed) the folder at `directory`, removing the files a previous process left.
    init(directory: String) throws(FleetStoreError) {
        self.directory = directory
        let manager = FileManager.default
        do { try manager.createDirectory(atPath: directory, withIntermediateDirectories: true) } catch {
            throw FleetStoreError("cannot prepare staging folder \(directory): \(error)")
        }
        for name in (try? manager.contentsOfDirectory(atPath: directory)) ?? [] { unlink(directory + "/" + name) }
    }

    /// A path in the folder that no file of this process has had.
    func newPath() -> String {
        let number = counter.add(1, ordering: .relaxed).newValue
        return directory + "/upload-\(number)"
    }

    /// The names of the files in the folder now.
    var fileNames: [String] { ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).sorted() }
}
