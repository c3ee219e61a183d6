import Foundation
import Testing
@testable import SwiftletFleetServer

/// Object files hold exactly the object's bytes, whether new or reused.
@Suite struct ObjectFileWriterTests {
    /// Bytes 0, 1, 2, … wrapping at 251 (a prime, so no page repeats another), `count` of them.
    static func pattern(_ count: Int, start: Int = 0) -> [UInt8] { (0..<count).map { UInt8((start + $0) % 251) } }

    @Test func aNewFileHoldsExactlyTheBytesWhateverTheirLength() throws {
        let dir = ObjectFilesTests.folder()
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        for count in [0, 1, 4095, 4096, 4097, 10_000] {
            let file = dir + "/new-\(count)"
            try ObjectFileWriter.write(Self.pattern(count), to: file, create: true)
            #expect(FileManager.default.contents(atPath: file) == Data(Self.pattern(count)), "\(count) bytes")
        }
    }

    @Test func overwritingALongerFileCutsItToTheNewBytes() throws {
        let dir = ObjectFilesTests.folder()
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let file = dir + "/reused"
        try ObjectFileWriter.write(Self.pattern(9000, start: 7), to: file, create: true)
        try ObjectFileWriter.write(Self.pattern(5000), to: file, create: false)
        #expect(FileManager.default.contents(atPath: file) == Data(Self.pattern(5000)))
    }

    @Test func aFileThatCannotBeOpenedIsAnErrorNamingIt() throws {
        let file = ObjectFilesTests.folder() + "/missing-folder/object"
        #expect(throws: FleetStoreError("cannot open \(file) for writing: No such file or directory")) {
            try ObjectFileWriter.write([1, 2, 3], to: file, create: true)
        }
    }
}
