import Testing
@testable import SwiftletData

@Suite struct GzipTests {
    func expectFixtureDecodes(_ name: String) throws {
        let decoded = try Gzip.decompress(try fixture(name + ".gz"))
        let expected = try fixture(name + ".expected")
        #expect(decoded.count == expected.count)
        #expect(decoded == expected)
    }

    @Test func storedBlocksDecode() throws { try expectFixtureDecodes("stored") }
    @Test func fixedHuffmanBlockDecodes() throws { try expectFixtureDecodes("fixed") }
    @Test func dynamicHuffmanBlocksDecode() throws { try expectFixtureDecodes("dynamic") }
    @Test func binaryDataWithLongDistanceMatchesDecodes() throws { try expectFixtureDecodes("binary") }
    @Test func emptyMemberDecodesToNoBytes() throws { try expectFixtureDecodes("empty") }

    @Test func twoMembersDecodeToTheirConcatenation() throws {
        let contents = try Gzip.decode(try fixture("two-members.gz"))
        #expect(contents.data == (try fixture("two-members.expected")))
        #expect(contents.members.count == 2)
        #expect(contents.members[1].range == (contents.data.count - 14)..<contents.data.count)
        #expect(contents.members[1].checksum == 0x0E4B_1836)
    }

    @Test func optionalHeaderFieldsAreParsed() throws {
        let contents = try Gzip.decode(try fixture("header-fields.gz"))
        #expect(contents.data == (try fixture("header-fields.expected")))
        let header = try #require(contents.members.first).header
        #expect(header.fileName == "swiftlet.txt")
        #expect(header.comment == "made for tests")
        #expect(header.extraField == Array("SW".utf8) + [4, 0] + Array("test".utf8))
        #expect(header.modificationTime == 1_700_000_000)
        #expect(header.extraFlags == 2)
        #expect(header.operatingSystem == 3)
        #expect(header.hasHeaderChecksum)
    }

    @Test func storedMemberRoundTripsAcrossSeveralBlocks() throws {
        let data = (0..<150_000).map { UInt8(truncatingIfNeeded: $0 &* 7) }
        let contents = try Gzip.decode(Gzip.storedMember(data, fileName: "x.bin"))
        #expect(contents.data == data)
        #expect(contents.members.first?.header.fileName == "x.bin")
    }

    @Test func storedMemberOfNoBytesRoundTrips() throws {
        #expect(try Gzip.decompress(Gzip.storedMember([])) == [])
    }

    @Test func magicDetectionLooksAtTheFirstTwoBytes() {
        #expect(Gzip.isGzip([0x1F, 0x8B, 0]))
        #expect(!Gzip.isGzip([0x1F]))
        #expect(!Gzip.isGzip([0, 0, 8, 1]))
    }

    @Test func fileIsReadFromAPath() throws {
        let directory = try temporaryDirectory("gzip-path")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/dynamic.gz"
        try writeFile(try fixture("dynamic.gz"), to: path)
        #expect(try Gzip.decompress(contentsOfFile: path) == (try fixture("dynamic.expected")))
    }
}

import Foundation
