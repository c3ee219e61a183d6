import Foundation
import Testing
@testable import SwiftletData

@Suite struct IDXErrorTests {
    func failure(_ bytes: [UInt8], limit: Int = IDXFile.maximumPayloadBytes) -> IDXError? {
        idxFailure { () throws(IDXError) in _ = try IDXFile(bytes: bytes, maximumPayloadBytes: limit) }
    }

    @Test func nonZeroMagicIsRejected() {
        #expect(failure([1, 0, 0x08, 1, 0, 0, 0, 0]) == IDXError(.badMagic([1, 0, 0x08, 1])))
    }

    @Test func fewerThanFourBytesIsATruncatedHeader() {
        #expect(failure([0, 0, 0x08]) == IDXError(.truncatedHeader(needed: 4, available: 3)))
    }

    @Test func missingDimensionSizesAreATruncatedHeader() {
        #expect(failure([0, 0, 0x08, 2, 0, 0, 0, 1]) == IDXError(.truncatedHeader(needed: 12, available: 8)))
    }

    @Test func unknownTypeCodeIsRejected() {
        #expect(failure([0, 0, 0x0A, 1, 0, 0, 0, 1, 0]) == IDXError(.unknownTypeCode(0x0A)))
    }

    @Test func fewerDataBytesThanTheDimensionsSayIsTruncated() {
        // Two int16 values need four bytes.
        #expect(failure([0, 0, 0x0B, 1, 0, 0, 0, 2, 1, 2, 3]) == IDXError(.truncatedData(expected: 4, available: 3)))
    }

    @Test func bytesAfterTheDataAreRejected() {
        #expect(failure([0, 0, 0x08, 1, 0, 0, 0, 2, 1, 2, 3]) == IDXError(.trailingBytes(count: 1)))
    }

    @Test func dimensionsWhoseProductOverflowsAreRefused() {
        // 8 × (2³² − 1)³ bytes overflows a 64-bit Int, so even an unlimited reader refuses it.
        let bytes: [UInt8] = [0, 0, 0x0E, 3] + [UInt8](repeating: 0xFF, count: 12)
        let limit = Int.max
        #expect(failure(bytes, limit: limit) == IDXError(.tooLarge(dimensions: [4_294_967_295, 4_294_967_295, 4_294_967_295], limit: limit)))
    }

    @Test func dimensionsBeyondTheSizeLimitAreRefusedBeforeAllocating() {
        // 65536 × 65536 × 2 unsigned bytes is 8 GiB, over the 4 GiB limit; the file itself is 16 bytes.
        let bytes: [UInt8] = [0, 0, 0x08, 3, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 2]
        #expect(failure(bytes) == IDXError(.tooLarge(dimensions: [65536, 65536, 2], limit: IDXFile.maximumPayloadBytes)))
    }

    @Test func corruptGzipLayerIsReported() throws {
        var bytes = Gzip.storedMember([0, 0, 0x08, 1, 0, 0, 0, 1, 5])
        bytes[bytes.count - 8] ^= 1
        guard case .gzip(let inner)? = failure(bytes)?.reason, case .checksumMismatch = inner.reason else {
            Issue.record("expected a gzip checksum error")
            return
        }
    }

    @Test func errorsFromAPathNameTheFile() throws {
        let directory = try temporaryDirectory("idx-errors")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/short-idx1-ubyte"
        try writeFile([0, 0, 0x08, 1, 0, 0, 0, 5, 1, 2], to: path)
        let error = idxFailure { () throws(IDXError) in _ = try IDXFile(contentsOfFile: path) }
        #expect(error == IDXError(.truncatedData(expected: 5, available: 2), file: path))
        #expect(error?.description == "\(path): the dimensions need 5 data bytes but only 2 follow the header")
    }

    @Test func missingFileIsUnreadable() {
        let path = "/nonexistent/swiftlet/missing-idx1-ubyte"
        let error = idxFailure { () throws(IDXError) in _ = try IDXFile(contentsOfFile: path) }
        #expect(error == IDXError(.unreadable("no such file"), file: path))
    }
}
