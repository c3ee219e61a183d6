import Foundation
import SwiftletTensor
import Testing
@testable import SwiftletData

@Suite struct GzipErrorTests {
    func failure(_ bytes: [UInt8], maxOutputBytes: Int = Gzip.defaultMaxOutputBytes) -> GzipError? {
        gzipFailure { () throws(GzipError) in _ = try Gzip.decompress(bytes, maxOutputBytes: maxOutputBytes) }
    }

    @Test func wrongMagicIsRejected() throws {
        var bytes = try fixture("dynamic.gz")
        bytes[0] = 0x1E
        #expect(failure(bytes) == GzipError(.notGzip(firstBytes: [0x1E, 0x8B])))
    }

    @Test func emptyInputIsNotGzip() {
        #expect(failure([]) == GzipError(.notGzip(firstBytes: [])))
    }

    @Test func methodOtherThanDeflateIsRejected() throws {
        var bytes = try fixture("dynamic.gz")
        bytes[2] = 7
        #expect(failure(bytes) == GzipError(.unsupportedMethod(7), member: 0))
    }

    @Test func reservedFlagBitsAreRejected() throws {
        var bytes = try fixture("dynamic.gz")
        bytes[3] = 0x20
        #expect(failure(bytes) == GzipError(.reservedFlags(0x20), member: 0))
    }

    @Test func headerCutShortIsTruncated() throws {
        #expect(failure(Array(try fixture("dynamic.gz").prefix(7))) == GzipError(.truncatedHeader, member: 0))
    }

    @Test func fileNameWithoutTerminatorIsTruncated() throws {
        // header-fields.gz: 10 fixed bytes, 2 + 8 extra bytes, then "swiftlet.txt\0" from byte 20.
        #expect(failure(Array(try fixture("header-fields.gz").prefix(25))) == GzipError(.truncatedHeader, member: 0))
    }

    @Test func headerChecksumMismatchIsReported() throws {
        var bytes = try fixture("header-fields.gz")
        bytes[48] ^= 0x01  // The FHCRC field is bytes 48–49; Python computed 10317 for it.
        #expect(failure(bytes) == GzipError(.headerChecksumMismatch(stored: 10316, computed: 10317), member: 0))
    }

    @Test func compressedDataCutShortIsTruncated() throws {
        let bytes = try fixture("dynamic.gz")
        #expect(failure(Array(bytes.prefix(bytes.count - 200))) == GzipError(.truncatedData, member: 0))
    }

    @Test func trailerCutShortIsTruncated() throws {
        let bytes = try fixture("dynamic.gz")
        #expect(failure(Array(bytes.prefix(bytes.count - 3))) == GzipError(.truncatedTrailer, member: 0))
    }

    @Test func checksumMismatchIsReported() throws {
        var bytes = try fixture("dynamic.gz")
        bytes[bytes.count - 8] ^= 0xFF  // Lowest byte of the stored CRC 0xB4997694.
        #expect(failure(bytes) == GzipError(.checksumMismatch(stored: 0xB499_766B, computed: 0xB499_7694), member: 0))
    }

    @Test func lengthMismatchIsReported() throws {
        var bytes = try fixture("dynamic.gz")
        bytes[bytes.count - 4] &+= 1  // ISIZE 30778 becomes 30779.
        #expect(failure(bytes) == GzipError(.lengthMismatch(stored: 30779, computed: 30778), member: 0))
    }

    @Test func trailingGarbageIsRejected() throws {
        let bytes = try fixture("dynamic.gz")
        #expect(failure(bytes + [0, 0, 0]) == GzipError(.trailingGarbage(offset: bytes.count, count: 3)))
    }

    @Test func faultInSecondMemberNamesThatMember() throws {
        var bytes = try fixture("two-members.gz")
        bytes[447 + 3] = 0x40  // The second member starts at byte 447; set a reserved flag.
        #expect(failure(bytes) == GzipError(.reservedFlags(0x40), member: 1))
    }

    @Test func outputBeyondTheLimitIsRefused() throws {
        #expect(failure(try fixture("dynamic.gz"), maxOutputBytes: 1000) == GzipError(.outputTooLarge(limit: 1000), member: 0))
    }

    @Test func errorsFromAPathNameTheFile() throws {
        let directory = try temporaryDirectory("gzip-errors")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/corrupt.gz"
        var bytes = try fixture("dynamic.gz")
        bytes[bytes.count - 8] ^= 0xFF
        try writeFile(bytes, to: path)
        let error = gzipFailure { () throws(GzipError) in _ = try Gzip.decompress(contentsOfFile: path) }
        #expect(error == GzipError(.checksumMismatch(stored: 0xB499_766B, computed: 0xB499_7694), file: path, member: 0))
        #expect(error?.description.hasPrefix(path + ": gzip member 0: CRC-32 mismatch") == true)
    }

    @Test func corruptedStreamsFailWithAnErrorOrDecodeIntact() throws {
        // Any flipped bit either raises a GzipError or (padding bits, MTIME) leaves the data intact: the
        // decoder must never crash, hang or return different bytes, since CRC-32 is checked.
        let original = try fixture("binary.gz")
        let expected = try fixture("binary.expected")
        var generator = SeededGenerator(seed: 42)
        for _ in 0..<300 {
            var bytes = original
            let index = generator.nextInt(below: bytes.count)
            bytes[index] ^= UInt8(1 << generator.nextInt(below: 8))
            if let decoded = try? Gzip.decompress(bytes) { #expect(decoded == expected, "byte \(index)") }
        }
    }

    @Test func missingFileIsUnreadable() {
        let path = "/nonexistent/swiftlet/missing.gz"
        let error = gzipFailure { () throws(GzipError) in _ = try Gzip.decompress(contentsOfFile: path) }
        #expect(error == GzipError(.unreadable("no such file"), file: path))
    }
}
