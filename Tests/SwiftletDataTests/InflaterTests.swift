import Testing
@testable import SwiftletData

/// Raw DEFLATE streams assembled bit by bit from RFC 1951, each exercising one rule of the decoder.
@Suite struct InflaterTests {
    func failure(_ bytes: [UInt8]) -> GzipError? {
        gzipFailure { () throws(GzipError) in _ = try Inflater.inflate(bytes) }
    }

    /// A final fixed-Huffman block: BFINAL = 1, BTYPE = 01.
    func fixedBlock() -> BitWriter {
        var writer = BitWriter()
        writer.write(1, bits: 1)
        writer.write(1, bits: 2)
        return writer
    }

    /// A final dynamic block whose code-length code gives one-bit codes to `first` (code 0) and
    /// `second` (code 1), with HLIT = 257 and HDIST = 1 (258 lengths to follow).
    func dynamicHeader(codeLengthLengths: [Int]) -> BitWriter {
        var writer = BitWriter()
        writer.write(1, bits: 1)
        writer.write(2, bits: 2)
        writer.write(0, bits: 5)  // HLIT: 257 literal/length codes.
        writer.write(0, bits: 5)  // HDIST: 1 distance code.
        writer.write(codeLengthLengths.count - 4, bits: 4)
        for length in codeLengthLengths { writer.write(length, bits: 3) }
        return writer
    }

    @Test func storedBlockCopiesItsBytes() throws {
        // BFINAL = 1, BTYPE = 00, padding, LEN = 3, NLEN = ~3, "abc".
        #expect(try Inflater.inflate([0x01, 0x03, 0x00, 0xFC, 0xFF, 0x61, 0x62, 0x63]) == Array("abc".utf8))
    }

    @Test func overlappingBackReferenceRepeatsThePattern() throws {
        var writer = fixedBlock()
        writer.writeFixedLiteralLength(97)   // 'a'
        writer.writeFixedLiteralLength(98)   // 'b'
        writer.writeFixedLiteralLength(258)  // length 4
        writer.writeFixedDistance(1)         // distance 2
        writer.writeFixedLiteralLength(256)
        #expect(try Inflater.inflate(writer.bytes) == Array("ababab".utf8))
    }

    @Test func longestMatchWithExtraBitsDecodes() throws {
        var writer = fixedBlock()
        writer.writeFixedLiteralLength(120)  // 'x'
        writer.writeFixedLiteralLength(284)  // lengths 227–257: 5 extra bits
        writer.write(30, bits: 5)            // 227 + 30 = 257
        writer.writeFixedDistance(0)         // distance 1
        writer.writeFixedLiteralLength(256)
        #expect(try Inflater.inflate(writer.bytes) == [UInt8](repeating: 120, count: 258))
    }

    @Test func reservedBlockTypeIsRejected() {
        #expect(failure([0x07]) == GzipError(.invalidBlockType(offset: 0)))
    }

    @Test func storedLengthNotMatchingItsComplementIsRejected() {
        #expect(failure([0x01, 0x05, 0x00, 0x00, 0x00]) == GzipError(.storedLengthMismatch(offset: 1, length: 5, complement: 0)))
    }

    @Test func storedBlockShorterThanItsLengthIsTruncated() {
        #expect(failure([0x01, 0x05, 0x00, 0xFA, 0xFF, 0x61]) == GzipError(.truncatedData))
    }

    @Test func backReferenceBeforeTheStartIsRejected() {
        var writer = fixedBlock()
        writer.writeFixedLiteralLength(97)
        writer.writeFixedLiteralLength(257)  // length 3
        writer.writeFixedDistance(1)         // distance 2, but only 1 byte exists
        writer.writeFixedLiteralLength(256)
        #expect(failure(writer.bytes) == GzipError(.distanceTooFarBack(offset: 2, distance: 2, available: 1)))
    }

    @Test func lengthSymbolOutsideTheAlphabetIsRejected() {
        var writer = fixedBlock()
        writer.writeFixedLiteralLength(286)  // Starts at bit 3, in byte 0.
        writer.writeFixedLiteralLength(256)
        #expect(failure(writer.bytes) == GzipError(.invalidSymbol(offset: 0)))
    }

    @Test func distanceSymbolOutsideTheAlphabetIsRejected() {
        var writer = fixedBlock()
        writer.writeFixedLiteralLength(97)
        writer.writeFixedLiteralLength(257)
        writer.writeFixedDistance(30)
        writer.writeFixedLiteralLength(256)
        #expect(failure(writer.bytes) == GzipError(.invalidSymbol(offset: 2)))
    }

    @Test func streamWithoutEndOfBlockIsTruncated() {
        var writer = fixedBlock()
        writer.writeFixedLiteralLength(97)
        #expect(failure(writer.bytes) == GzipError(.truncatedData))
    }

    @Test func emptyStreamIsTruncated() {
        #expect(failure([]) == GzipError(.truncatedData))
    }

    @Test func bytesAfterTheFinalBlockAreTrailingGarbage() {
        var writer = fixedBlock()
        writer.writeFixedLiteralLength(256)  // 3 + 7 bits: the stream fills two bytes.
        #expect(failure(writer.bytes + [0xAA]) == GzipError(.trailingGarbage(offset: 2, count: 1)))
    }

    @Test func oversubscribedCodeLengthCodeIsRejected() {
        // Code-length symbols 16, 17, 18 and 0 all one bit long: four codes where two fit.
        let writer = dynamicHeader(codeLengthLengths: [1, 1, 1, 1])
        let error = failure(writer.bytes + [0, 0])
        guard case .invalidCodeLengths(_, let detail)? = error?.reason else {
            Issue.record("expected invalidCodeLengths, got \(String(describing: error))")
            return
        }
        #expect(detail.hasPrefix("code-length code is over-subscribed"))
    }

    @Test func repeatWithNoPreviousLengthIsRejected() {
        // Symbols 0 (code 0) and 16 (code 1); the first length is coded as 16.
        var writer = dynamicHeader(codeLengthLengths: [1, 0, 0, 1])
        writer.writeCode(1, length: 1)
        writer.write(0, bits: 2)
        let error = failure(writer.bytes + [0, 0])
        guard case .invalidCodeLengths(_, let detail)? = error?.reason else {
            Issue.record("expected invalidCodeLengths, got \(String(describing: error))")
            return
        }
        #expect(detail == "repeat code 16 with no previous length")
    }

    @Test func runOfLengthsPastTheLastCodeIsRejected() {
        // Symbols 0 (code 0) and 18 (code 1); two runs of 138 zeros exceed the 258 lengths.
        var writer = dynamicHeader(codeLengthLengths: [0, 0, 1, 1])
        for _ in 0..<2 {
            writer.writeCode(1, length: 1)
            writer.write(127, bits: 7)
        }
        let error = failure(writer.bytes + [0, 0])
        guard case .invalidCodeLengths(_, let detail)? = error?.reason else {
            Issue.record("expected invalidCodeLengths, got \(String(describing: error))")
            return
        }
        #expect(detail == "run of lengths overflows the 258 codes")
    }

    @Test func codeWithoutEndOfBlockIsRejected() {
        // 138 + 120 zeros: every length is zero, so end-of-block (256) has no code.
        var writer = dynamicHeader(codeLengthLengths: [0, 0, 1, 1])
        writer.writeCode(1, length: 1)
        writer.write(127, bits: 7)
        writer.writeCode(1, length: 1)
        writer.write(109, bits: 7)
        let error = failure(writer.bytes + [0, 0])
        guard case .invalidCodeLengths(_, let detail)? = error?.reason else {
            Issue.record("expected invalidCodeLengths, got \(String(describing: error))")
            return
        }
        #expect(detail == "no code for end-of-block")
    }

    @Test func outputBeyondTheLimitIsRefused() {
        var writer = fixedBlock()
        writer.writeFixedLiteralLength(120)
        for _ in 0..<10 {
            writer.writeFixedLiteralLength(285)  // length 258
            writer.writeFixedDistance(0)
        }
        writer.writeFixedLiteralLength(256)
        let error = gzipFailure { () throws(GzipError) in _ = try Inflater.inflate(writer.bytes, maxOutputBytes: 1000) }
        #expect(error == GzipError(.outputTooLarge(limit: 1000)))
    }
}
