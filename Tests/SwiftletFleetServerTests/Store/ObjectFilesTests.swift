import Foundation
import Testing
@testable import SwiftletFleetServer

@Suite struct ObjectFilesTests {
    /// A fresh folder under the temporary directory, removed by the caller.
    static func folder() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("objects-\(UUID())").path
    }

    @Test func aSavedObjectIsReadBackFromItsFileNamedByItsID() throws {
        let dir = Self.folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let files = try ObjectFiles(directory: dir, threshold: 4)
        let bytes: [UInt8] = [1, 2, 3, 4, 5]
        let id = FleetFixture.sha(bytes)
        try files.save(id, bytes)
        #expect(files.path(id) == dir + "/" + id.prefix(2) + "/" + id)
        #expect(FileManager.default.contents(atPath: files.path(id)) == Data(bytes))
        #expect(try files.read(id) == bytes)
    }

    @Test func onlyLargeObjectsWithHexIDsBelongInFiles() throws {
        let dir = Self.folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let files = try ObjectFiles(directory: dir, threshold: 4)
        let id = FleetFixture.sha([1])
        #expect(files.holds(id, count: 4))
        #expect(!files.holds(id, count: 3))
        #expect(!files.holds("../../etc/passwd", count: 100))
        #expect(!files.holds(id.uppercased(), count: 100))
    }

    @Test func savingAgainReplacesAPartialFileAKilledWriterLeft() throws {
        let dir = Self.folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let files = try ObjectFiles(directory: dir, threshold: 1)
        let bytes = [UInt8](repeating: 7, count: 1000)
        let id = FleetFixture.sha(bytes)
        #expect(FileManager.default.createFile(atPath: files.path(id), contents: Data(bytes.prefix(10))))
        try files.save(id, bytes)
        #expect(try files.read(id) == bytes)
    }

    @Test func aFileHoldingOtherBytesIsAnErrorNamingTheFile() throws {
        let dir = Self.folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let files = try ObjectFiles(directory: dir, threshold: 1)
        let id = FleetFixture.sha([1, 2, 3])
        #expect(FileManager.default.createFile(atPath: files.path(id), contents: Data([1, 2])))
        #expect(throws: FleetStoreError("object \(id): file \(files.path(id)) holds other bytes (2 bytes)")) {
            try files.read(id)
        }
    }

    @Test func aMissingFileIsAnErrorNamingTheFile() throws {
        let dir = Self.folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let files = try ObjectFiles(directory: dir, threshold: 1)
        let id = FleetFixture.sha([9])
        #expect(throws: FleetStoreError("object \(id): file \(files.path(id)) is missing or unreadable")) {
            try files.read(id)
        }
    }

    @Test func removingDeletesFilesAndIgnoresOnesAlreadyGone() throws {
        let dir = Self.folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let files = try ObjectFiles(directory: dir, threshold: 1)
        let id = FleetFixture.sha([4, 4])
        try files.save(id, [4, 4])
        files.remove([id, FleetFixture.sha([5])])
        #expect(!FileManager.default.fileExists(atPath: files.path(id)))
    }

    /// The inode number of the file at `path`.
    static func inode(_ path: String) -> UInt64? {
        var info = stat()
        return stat(path, &info) == 0 ? UInt64(info.st_ino) : nil
    }

    @Test func aRemovedFileIsKeptAsASpareAndTheNextSaveOverwritesIt() throws {
        let dir = Self.folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let files = try ObjectFiles(directory: dir, threshold: 1)
        let old = [UInt8](repeating: 1, count: 100), new = [UInt8](repeating: 2, count: 60)
        let (oldID, newID) = (FleetFixture.sha(old), FleetFixture.sha(new))
        try files.save(oldID, old)
        let inode = Self.inode(files.path(oldID))
        files.remove([oldID])
        #expect(!FileManager.default.fileExists(atPath: files.path(oldID)))
        #expect(files.spares.count == (1, 100))
        try files.save(newID, new)
        // The same file, now the new object's, cut to its 60 bytes.
        #expect(Self.inode(files.path(newID)) == inode)
        #expect(try files.read(newID) == new)
        #expect(files.spares.count == (0, 0))
    }

    @Test func filesBeyondTheSpareCapacityAreDeleted() throws {
        let dir = Self.folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let files = try ObjectFiles(directory: dir, threshold: 1, spareBytes: 150)
        let objects = (1...3).map { [UInt8](repeating: UInt8($0), count: 60) }
        for bytes in objects { try files.save(FleetFixture.sha(bytes), bytes) }
        files.remove(objects.map(FleetFixture.sha))
        // 60 + 60 fit in 150; the third is unlinked.
        #expect(files.spares.count == (2, 120))
        let left = try FileManager.default.contentsOfDirectory(atPath: dir + "/spare")
        #expect(left.sorted() == objects.prefix(2).map(FleetFixture.sha).sorted())
    }

    @Test func sparesAProcessLeftAreReusedAfterReopeningAndNeverTakenForOrphans() throws {
        let dir = Self.folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let bytes = [UInt8](repeating: 3, count: 80)
        do {
            let files = try ObjectFiles(directory: dir, threshold: 1)
            try files.save(FleetFixture.sha(bytes), bytes)
            files.remove([FleetFixture.sha(bytes)])
        }
        let files = try ObjectFiles(directory: dir, threshold: 1)
        #expect(files.spares.count == (1, 80))
        // Removing files no row names looks at object files only, not at spares.
        #expect(files.removeFiles(notIn: []) == 0)
        #expect(files.spares.count == (1, 80))
        let next = [UInt8](repeating: 4, count: 90)
        try files.save(FleetFixture.sha(next), next)
        #expect(try files.read(FleetFixture.sha(next)) == next)
        #expect(files.spares.count == (0, 0))
    }

    @Test func preparedSparesAreWholeZeroFilesUpToTheCountAndBecomeTheNextUploadsFiles() throws {
        let dir = Self.folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let files = try ObjectFiles(directory: dir, threshold: 1)
        #expect(try files.spares.prepare(count: 3, size: 4_096) == (3, 12_288))
        #expect(files.spares.count == (3, 12_288))
        let names = try FileManager.default.contentsOfDirectory(atPath: dir + "/spare").sorted()
        #expect(names == ["prepared-0", "prepared-1", "prepared-2"])
        for name in names {
            #expect(FileManager.default.contents(atPath: dir + "/spare/" + name) == Data(count: 4_096))
        }
        // Already three: preparing again adds none.
        #expect(try files.spares.prepare(count: 3, size: 4_096) == (0, 0))
        let inodes = Set(names.map { Self.inode(dir + "/spare/" + $0) })
        let upload = ObjectFileWriterTests.pattern(4_000)
        let staged = try files.stage(upload)
        // A prepared file, overwritten and cut to the upload's length.
        #expect(inodes.contains(Self.inode(staged)))
        #expect(FileManager.default.contents(atPath: staged) == Data(upload))
        #expect(files.spares.count == (2, 8_192))
    }

    @Test func preparingCountsTheSparesThereAndStopsAtTheCapacity() throws {
        let dir = Self.folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let files = try ObjectFiles(directory: dir, threshold: 1, spareBytes: 250)
        let old = [UInt8](repeating: 1, count: 60)
        try files.save(FleetFixture.sha(old), old)
        files.remove([FleetFixture.sha(old)])
        // One spare of 60 bytes is there: two more of 80 fit in 250, a third would not.
        #expect(try files.spares.prepare(count: 10, size: 80) == (2, 160))
        #expect(files.spares.count == (3, 220))
        #expect(try files.spares.prepare(count: 0, size: 80) == (0, 0))
        #expect(try files.spares.prepare(count: 10, size: 0) == (0, 0))
    }

    @Test func aSpareThatCannotBeWrittenIsNamedInTheErrorAndNotCounted() throws {
        let dir = Self.folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        // A folder where the first prepared file would go: opening it for writing fails, even as root.
        try FileManager.default.createDirectory(atPath: dir + "/spare/prepared-0", withIntermediateDirectories: true)
        let files = try ObjectFiles(directory: dir, threshold: 1)
        let error = #expect(throws: FleetStoreError.self) { try files.spares.prepare(count: 2, size: 10) }
        #expect(error?.description.contains(dir + "/spare/prepared-0") == true)
        #expect(files.spares.count == (0, 0))
    }

    @Test func aStagedUploadPlacedUnderItsIDBecomesThatObjectsFile() throws {
        let dir = Self.folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let files = try ObjectFiles(directory: dir, threshold: 1)
        let bytes = ObjectFileWriterTests.pattern(5000), id = FleetFixture.sha(ObjectFileWriterTests.pattern(5000))
        let staged = try files.stage(bytes)
        #expect(staged.hasPrefix(dir + "/staging/"))
        #expect(FileManager.default.contents(atPath: staged) == Data(bytes))
        let inode = Self.inode(staged)
        try files.place(staged, as: id)
        // Moved, not copied: the same file under the object's name, and nothing left in staging.
        #expect(Self.inode(files.path(id)) == inode)
        #expect(try files.read(id) == bytes)
        #expect(files.staging.fileNames.isEmpty)
        files.discard(staged)   // already placed: nothing to do
        #expect(try files.read(id) == bytes)
        #expect(files.spares.count == (0, 0))
    }

    @Test func aDiscardedStagingFileIsKeptAsASpareAndReusedByTheNextStaging() throws {
        let dir = Self.folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let files = try ObjectFiles(directory: dir, threshold: 1)
        let first = try files.stage([UInt8](repeating: 1, count: 300))
        let inode = Self.inode(first)
        files.discard(first)
        #expect(files.staging.fileNames.isEmpty)
        #expect(files.spares.count == (1, 300))
        let second = try files.stage([UInt8](repeating: 2, count: 100))
        #expect(second != first)
        #expect(Self.inode(second) == inode)
        #expect(FileManager.default.contents(atPath: second) == Data([UInt8](repeating: 2, count: 100)))
        #expect(files.spares.count == (0, 0))
    }

    @Test func openingRemovesTheStagingFilesAKilledProcessLeft() throws {
        let dir = Self.folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        do {
            let files = try ObjectFiles(directory: dir, threshold: 1)
            _ = try files.stage([7, 7, 7])
            #expect(files.staging.fileNames.count == 1)
        }
        let reopened = try ObjectFiles(directory: dir, threshold: 1)
        #expect(reopened.staging.fileNames.isEmpty)
    }
}
