import Foundation
import Testing
@testable import SwiftletFleetServer

/// Objects in a file store: large ones as files beside the database, small ones in their rows, and the
/// bytes of settled rounds deleted.
@Suite struct SQLiteFleetStoreObjectTests {
    /// A store at a fresh path keeping objects of 16 bytes or more in files; removed by `cleanUp`.
    struct Scratch {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("store-\(UUID()).sqlite").path
        func open() throws -> SQLiteFleetStore { try SQLiteFleetStore(path: path, fileThreshold: 16) }
        func file(_ id: String) -> String { path + ".objects/" + id.prefix(2) + "/" + id }
        func cleanUp() {
            for suffix in ["", "-wal", "-shm", ".objects"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        }
    }

    static let large = [UInt8](repeating: 3, count: 40)
    static let small: [UInt8] = [1, 2, 3]

    static func message(_ id: String, run: UInt64 = 1, group: String, replyTo: String = "") -> StoredMessage {
        StoredMessage(id: id, run: run, source: 0, destination: 7, type: "train", group: group, createdAt: 0, ttl: 0,
                      replyTo: replyTo, status: .pending, metadata: [], tree: [])
    }

    @Test func aLargeObjectIsAFileAndASmallOneStaysInItsRow() throws {
        let scratch = Scratch()
        defer { scratch.cleanUp() }
        let store = try scratch.open()
        let (big, little) = (FleetFixture.sha(Self.large), FleetFixture.sha(Self.small))
        try store.saveMessage(Self.message("m", group: "1"), objects: [big: Self.large, little: Self.small])
        #expect(FileManager.default.contents(atPath: scratch.file(big)) == Data(Self.large))
        #expect(!FileManager.default.fileExists(atPath: scratch.file(little)))
        #expect(try store.object(big) == .some(Self.large))
        #expect(try store.object(little) == .some(Self.small))
        #expect(try store.missingObjects(of: "m").isEmpty)
    }

    @Test func aPushedLargeObjectIsWrittenOnceAndAnUnknownOneWritesNothing() throws {
        let scratch = Scratch()
        defer { scratch.cleanUp() }
        let store = try scratch.open()
        let id = FleetFixture.sha(Self.large)
        try store.saveMessage(Self.message("m", group: "1"), objects: [id: nil])
        #expect(try store.missingObjects(of: "m") == [id])
        #expect(try store.putObject(id, bytes: Self.large))
        #expect(try store.missingObjects(of: "m").isEmpty)
        #expect(try !store.putObject(id, bytes: Self.large))
        #expect(try store.object(id) == .some(Self.large))
        let unknown = [UInt8](repeating: 5, count: 40)
        #expect(try !store.putObject(FleetFixture.sha(unknown), bytes: unknown))
        #expect(!FileManager.default.fileExists(atPath: scratch.file(FleetFixture.sha(unknown))))
    }

    @Test func putObjectsStoresAllInFilesAndRowsOrNoneWhenOneIsUnknown() throws {
        let scratch = Scratch()
        defer { scratch.cleanUp() }
        let store = try scratch.open()
        let (big, little) = (FleetFixture.sha(Self.large), FleetFixture.sha(Self.small))
        let unknown = [UInt8](repeating: 5, count: 40)
        try store.saveMessage(Self.message("m", group: "1"), objects: [big: nil, little: nil])
        let refused = try store.putObjects([(big, Self.large), (FleetFixture.sha(unknown), unknown), (little, Self.small)])
        #expect(refused == [.stored, .unknown, .stored])
        #expect(try store.missingObjects(of: "m") == [big, little].sorted())
        #expect(!FileManager.default.fileExists(atPath: scratch.file(big)))
        let outcomes = try store.putObjects([(big, Self.large), (little, Self.small), (big, Self.large)])
        #expect(outcomes == [.stored, .stored, .alreadyStored])
        #expect(try store.missingObjects(of: "m").isEmpty)
        #expect(FileManager.default.contents(atPath: scratch.file(big)) == Data(Self.large))
        #expect(try store.object(little) == .some(Self.small))
        #expect(try store.putObjects([(little, Self.small)]) == [.alreadyStored])
    }

    @Test func spareFilesArePreparedOnlyForUploadsKeptInFilesAndSurviveReopening() throws {
        let scratch = Scratch()
        defer { scratch.cleanUp() }
        do {
            let store = try scratch.open()
            // Under the 16-byte threshold an upload stays in its row: no file to spare it.
            #expect(try store.prepareSpareFiles(count: 2, size: 15) == (0, 0))
            #expect(try store.prepareSpareFiles(count: 2, size: 4_096) == (2, 8_192))
        }
        let store = try scratch.open()
        #expect(store.spareFiles == (2, 8_192))
        #expect(try store.prepareSpareFiles(count: 2, size: 4_096) == (0, 0))
        #expect(try SQLiteFleetStore().prepareSpareFiles(count: 2, size: 4_096) == (0, 0))
    }

    @Test func aSpareFileBudgetOfZeroKeepsNone() throws {
        let scratch = Scratch()
        defer { scratch.cleanUp() }
        let store = try SQLiteFleetStore(path: scratch.path, fileThreshold: 16, spareFileBytes: 0)
        #expect(try store.prepareSpareFiles(count: 2, size: 4_096) == (0, 0))
        #expect(store.spareFiles == (0, 0))
    }

    @Test func fileBackedObjectsSurviveReopening() throws {
        let scratch = Scratch()
        defer { scratch.cleanUp() }
        let id = FleetFixture.sha(Self.large)
        do { try scratch.open().saveMessage(Self.message("m", group: "1"), objects: [id: Self.large]) }
        #expect(try scratch.open().object(id) == .some(Self.large))
    }

    @Test func aDamagedObjectFileIsAnErrorNotOtherBytes() throws {
        let scratch = Scratch()
        defer { scratch.cleanUp() }
        let store = try scratch.open()
        let id = FleetFixture.sha(Self.large)
        try store.saveMessage(Self.message("m", group: "1"), objects: [id: Self.large])
        #expect(FileManager.default.createFile(atPath: scratch.file(id), contents: Data(Self.large.prefix(20))))
        #expect(throws: FleetStoreError("object \(id): file \(scratch.file(id)) holds other bytes (20 bytes)")) {
            try store.object(id)
        }
    }

    @Test func settlingARoundDeletesOnlyObjectsNoLaterMessageNeeds() throws {
        let scratch = Scratch()
        defer { scratch.cleanUp() }
        let store = try scratch.open()
        let roundOne = [UInt8](repeating: 1, count: 32), shared = [UInt8](repeating: 2, count: 32)
        let roundTwo = [UInt8](repeating: 4, count: 32), otherRun = [UInt8](repeating: 6, count: 32)
        let (a, s, b, o) = (FleetFixture.sha(roundOne), FleetFixture.sha(shared), FleetFixture.sha(roundTwo), FleetFixture.sha(otherRun))
        try store.saveMessage(Self.message("i1", group: "1"), objects: [a: roundOne, s: shared])
        try store.saveMessage(Self.message("r1", group: "1", replyTo: "i1"), objects: [FleetFixture.sha(Self.small): Self.small])
        try store.saveMessage(Self.message("i2", group: "2"), objects: [s: shared, b: roundTwo])
        try store.saveMessage(Self.message("x", group: "evaluate"), objects: [o: otherRun])
        try store.saveMessage(Self.message("y", run: 2, group: "1"), objects: [o: otherRun])

        #expect(try store.deleteSettledObjects(run: 1, through: 1) == 2)   // round 1's own object and its reply's
        #expect(try store.object(a) == nil)
        #expect(!FileManager.default.fileExists(atPath: scratch.file(a)))
        #expect(try store.object(FleetFixture.sha(Self.small)) == nil)
        #expect(try store.object(s) == .some(shared))                     // round 2 still refers to it
        #expect(try store.object(b) == .some(roundTwo))
        #expect(try store.object(o) == .some(otherRun))                   // not a round of run 1, and run 2's
        #expect(try store.message("i1") != nil)                           // messages stay: pushes stay idempotent
        #expect(try store.reply(to: "i1")?.id == "r1")

        #expect(try store.deleteSettledObjects(run: 1, through: 2) == 2)
        #expect(try store.object(s) == nil)
        #expect(try store.counts().objects == 1)
    }

    @Test func aReplyStoredAfterItsRoundWasSettledIsDeletedByTheNextCheckpoint() throws {
        let scratch = Scratch()
        defer { scratch.cleanUp() }
        let store = try scratch.open()
        let model = [UInt8](repeating: 1, count: 32), late = [UInt8](repeating: 3, count: 32)
        let next = [UInt8](repeating: 5, count: 32)
        try store.saveMessage(Self.message("i1", group: "1"), objects: [FleetFixture.sha(model): model])
        #expect(try store.deleteSettledObjects(run: 1, through: 1) == 1)
        // A straggler's reply to round 1 arrives after round 1 was settled, then round 2 is posted.
        try store.saveMessage(Self.message("r1", group: "1", replyTo: "i1"), objects: [FleetFixture.sha(late): late])
        try store.saveMessage(Self.message("i2", group: "2"), objects: [FleetFixture.sha(next): next])
        #expect(try store.deleteSettledObjects(run: 1, through: 1) == 1)   // the straggler's bytes, at once
        #expect(try store.object(FleetFixture.sha(late)) == nil)
        #expect(try store.object(FleetFixture.sha(next)) == .some(next))
        #expect(try store.deleteSettledObjects(run: 1, through: 2) == 1)
        #expect(try store.counts().objects == 0)
    }

    @Test func settlingAfterReopeningStartsFromTheStoredMark() throws {
        let scratch = Scratch()
        defer { scratch.cleanUp() }
        let one = [UInt8](repeating: 1, count: 32), two = [UInt8](repeating: 2, count: 32)
        do {
            let store = try scratch.open()
            try store.saveMessage(Self.message("i1", group: "1"), objects: [FleetFixture.sha(one): one])
            try store.saveMessage(Self.message("i2", group: "2"), objects: [FleetFixture.sha(two): two])
            #expect(try store.deleteSettledObjects(run: 1, through: 1) == 1)
        }
        let reopened = try scratch.open()
        #expect(try reopened.deleteSettledObjects(run: 1, through: 2) == 1)  // round 2's, posted before the mark
        #expect(try reopened.counts().objects == 0)
    }
}

extension SQLiteFleetStoreObjectTests {
    @Test func openingRemovesFilesNoRowNames() throws {
        let scratch = Scratch()
        defer { scratch.cleanUp() }
        let kept = FleetFixture.sha(Self.large)
        let orphan = FleetFixture.sha([UInt8](repeating: 8, count: 40))
        do {
            try scratch.open().saveMessage(Self.message("m", group: "1"), objects: [kept: Self.large])
            // What a server killed between writing an upload's file and committing its row leaves.
            #expect(FileManager.default.createFile(atPath: scratch.file(orphan), contents: Data([8, 8])))
        }
        let reopened = try scratch.open()
        #expect(!FileManager.default.fileExists(atPath: scratch.file(orphan)))
        #expect(try reopened.object(kept) == .some(Self.large))
    }

    @Test func stagedUploadsARefusedPutLeavesBehindAreGoneOnceDiscarded() throws {
        let scratch = Scratch()
        defer { scratch.cleanUp() }
        let store = try scratch.open()
        let big = FleetFixture.sha(Self.large), unknown = [UInt8](repeating: 5, count: 40)
        try store.saveMessage(Self.message("m", group: "1"), objects: [big: nil])
        let staged = try store.stageObjects([(big, Self.large), (FleetFixture.sha(unknown), unknown)])
        #expect(staged.allSatisfy { $0.stagingFile != nil })
        #expect(try store.putObjects(staged) == [.stored, .unknown])
        store.discardStaged(staged)
        #expect(store.files?.staging.fileNames == [])
        #expect(!FileManager.default.fileExists(atPath: scratch.file(big)))
        #expect(try store.missingObjects(of: "m") == [big])
        // Staged again without the unknown object, it is stored, its file moved into place.
        let retry = try store.stageObjects([(big, Self.large)])
        #expect(try store.putObjects(retry) == [.stored])
        store.discardStaged(retry)
        #expect(FileManager.default.contents(atPath: scratch.file(big)) == Data(Self.large))
        #expect(store.files?.staging.fileNames == [])
    }

    @Test func aSmallUploadIsStagedInMemoryAndStoredInItsRow() throws {
        let scratch = Scratch()
        defer { scratch.cleanUp() }
        let store = try scratch.open()
        let little = FleetFixture.sha(Self.small)
        try store.saveMessage(Self.message("m", group: "1"), objects: [little: nil])
        let staged = try store.stageObjects([(little, Self.small)])
        #expect(staged == [StagedObject(id: little, bytes: Self.small, stagingFile: nil)])
        #expect(try store.putObjects(staged) == [.stored])
        #expect(try store.object(little) == .some(Self.small))
        #expect(!FileManager.default.fileExists(atPath: scratch.file(little)))
    }
}
