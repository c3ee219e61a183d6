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
}
