import Testing
import SwiftletFederated

/// Every way a compressed payload can be wrong is refused with its own error — never a trap, never values.
@Suite struct CompressedCodecMalformedTests {
    /// A valid top-k payload of 8 values (see CompressedCodecBytesTests): header 9 bytes, index byte, 8 value bytes.
    static let topK: [UInt8] = [
        0x53, 0x57, 0x01, 0x02, 0x10, 0x02, 0x01, 0x01, 0x08,
        0x0E,
        0x00, 0x00, 0x40, 0x40, 0x00, 0x00, 0x00, 0x40,
    ]
    /// A valid u8 payload of 3 values in blocks of 2.
    static let u8: [UInt8] = [
        0x53, 0x57, 0x01, 0x01, 0x04, 0x02, 0x03,
        0x00, 0x00, 0x80, 0x3F, 0x00, 0x00, 0x80, 0x3E,
        0x7F, 0xC0, 0x7F,
    ]

    static func decode(_ bytes: [UInt8], count: Int) throws(CodecError) -> [Float] {
        try CompressedCodec.decode(bytes, count: count)
    }

    static func replacing(_ bytes: [UInt8], _ index: Int, with value: UInt8) -> [UInt8] {
        var copy = bytes
        copy[index] = value
        return copy
    }

    @Test func validPayloadsDecode() throws {
        #expect(try Self.decode(Self.topK, count: 8) == [0, 3, 0, 0, 0, 0, 2, 0])
        #expect(try Self.decode(Self.u8, count: 3).count == 3)
    }

    @Test func emptyBytesHaveBadMagic() {
        #expect(throws: CodecError.badMagic(codec: "swc", found: [])) { try Self.decode([], count: 0) }
    }

    @Test func wrongMagicIsNamed() {
        let error = #expect(throws: CodecError.badMagic(codec: "swc", found: [0x50, 0x4B])) {
            try Self.decode([0x50, 0x4B, 0x03, 0x04], count: 1)
        }
        #expect(error?.description == "swc: bad magic '50 4b', expected '53 57'")
    }

    @Test func futureVersionIsUnsupported() {
        #expect(throws: CodecError.unsupportedVersion(codec: "swc", version: 2, supported: 1)) {
            try Self.decode(Self.replacing(Self.topK, 2, with: 2), count: 8)
        }
    }

    @Test func zeroOrThreeStagesAreRefused() {
        for stages: UInt8 in [0, 3] {
            #expect(throws: CodecError.invalidParameter(codec: "swc", stage: "header",
                                                        reason: "\(stages) stages; expected 1 (a quantizer) or 2 (a sparsifier, then a quantizer)")) {
                try Self.decode(Self.replacing(Self.topK, 3, with: stages), count: 8)
            }
        }
    }

    @Test func unknownStageIdIsNamedWithItsOffset() {
        #expect(throws: CodecError.unknownStage(codec: "swc", id: 0x7F, offset: 4)) {
            try Self.decode(Self.replacing(Self.topK, 4, with: 0x7F), count: 8)
        }
        #expect(throws: CodecError.unknownStage(codec: "swc", id: 0x09, offset: 4)) {
            try Self.decode(Self.replacing(Self.u8, 4, with: 0x09), count: 3)
        }
    }

    @Test func quantizerBeforeASecondStageIsRefused() {
        #expect(throws: CodecError.invalidParameter(codec: "swc", stage: "header", reason: "stage 1 of 2 must be a sparsifier, found quantizer id 1")) {
            try Self.decode(Self.replacing(Self.topK, 4, with: 0x01), count: 8)
        }
    }

    @Test func sparsifierInTheQuantizerSlotIsRefused() {
        #expect(throws: CodecError.invalidParameter(codec: "swc", stage: "header", reason: "the last stage must be a quantizer, found sparsifier id 16")) {
            try Self.decode(Self.replacing(Self.topK, 7, with: 0x10), count: 8)
        }
    }

    @Test func keptCountAboveElementCountIsRefused() {
        #expect(throws: CodecError.invalidParameter(codec: "swc", stage: "topk kept count", reason: "9 is above the limit 8")) {
            try Self.decode(Self.replacing(Self.topK, 5, with: 9), count: 8)
        }
    }

    @Test func riceParameterAbove31IsRefused() {
        #expect(throws: CodecError.invalidParameter(codec: "swc", stage: "index coding", reason: "Rice parameter 32 is outside 0...31")) {
            try Self.decode(Self.replacing(Self.topK, 6, with: 32), count: 8)
        }
    }

    @Test func elementCountOtherThanExpectedIsRefused() {
        let error = #expect(throws: CodecError.elementCountMismatch(codec: "swc", header: 8, expected: 9)) {
            try Self.decode(Self.topK, count: 9)
        }
        #expect(error?.description == "swc: header says 8 elements, expected 9")
    }

    @Test func negativeExpectedCountIsMalformed() {
        #expect(throws: CodecError.malformed(codec: "swc", reason: "element count -1 is negative or absurd")) {
            try Self.decode(Self.topK, count: -1)
        }
    }

    @Test func headerCutShortIsTruncated() {
        #expect(throws: CodecError.truncated(codec: "swc", section: "rice parameter", offset: 6)) {
            try Self.decode(Array(Self.topK.prefix(6)), count: 8)
        }
        #expect(throws: CodecError.truncated(codec: "swc", section: "version", offset: 2)) {
            try Self.decode(Array(Self.topK.prefix(2)), count: 8)
        }
    }

    @Test func indexPastTheEndIsOutOfRange() {
        // Gap 1 then a gap of 6 (unary 3 "1110", low bit "0"): positions 1 and 8 of 8. Bits 0,1,1,1,1,0,0 = 0x1E.
        let error = #expect(throws: CodecError.indexOutOfRange(codec: "swc", position: 1, index: 8, count: 8)) {
            try Self.decode(Self.replacing(Self.topK, 9, with: 0x1E), count: 8)
        }
        #expect(error?.description == "swc: kept entry 1 has index 8, outside 0..<8")
    }

    @Test func nonZeroPaddingIsMalformed() {
        // The index stream uses 6 bits of its byte; bit 7 set.
        #expect(throws: CodecError.malformed(codec: "swc", reason: "index bitstream: padding bits after bit 6 are not zero")) {
            try Self.decode(Self.replacing(Self.topK, 9, with: 0x8E), count: 8)
        }
    }

    @Test func missingValueBytesAreALengthMismatch() {
        #expect(throws: CodecError.lengthMismatch(codec: "swc", expected: 18, actual: 17)) {
            try Self.decode(Array(Self.topK.dropLast()), count: 8)
        }
    }

    @Test func extraBytesAreTrailing() {
        let error = #expect(throws: CodecError.trailingBytes(codec: "swc", count: 2)) {
            try Self.decode(Self.topK + [0, 0], count: 8)
        }
        #expect(error?.description == "swc: 2 bytes after the end of the payload")
    }

    @Test func nanScaleIsRefused() {
        var bytes = Self.u8
        bytes.replaceSubrange(7..<11, with: [0x00, 0x00, 0xC0, 0x7F])
        let error = #expect(throws: CodecError.invalidScale(codec: "swc", block: 0, bits: 0x7FC0_0000)) {
            try Self.decode(bytes, count: 3)
        }
        #expect(error?.description == "swc: block 0 has scale nan, expected a finite non-negative number")
    }

    @Test func infiniteAndNegativeScalesAreRefused() {
        var infinite = Self.u8
        infinite.replaceSubrange(11..<15, with: [0x00, 0x00, 0x80, 0x7F])
        #expect(throws: CodecError.invalidScale(codec: "swc", block: 1, bits: 0x7F80_0000)) { try Self.decode(infinite, count: 3) }
        var negative = Self.u8
        negative.replaceSubrange(7..<11, with: [0x00, 0x00, 0x80, 0xBF])
        #expect(throws: CodecError.invalidScale(codec: "swc", block: 0, bits: 0xBF80_0000)) { try Self.decode(negative, count: 3) }
    }

    @Test func u8CodeMinus128IsRefused() {
        #expect(throws: CodecError.malformed(codec: "swc", reason: "u8: code -128 at value 1 is outside -127...127")) {
            try Self.decode(Self.replacing(Self.u8, 16, with: 0x80), count: 3)
        }
    }

    @Test func zeroBlockSizeIsRefused() {
        #expect(throws: CodecError.invalidParameter(codec: "swc", stage: "u8:0", reason: "block size 0 is outside 1...65536")) {
            try Self.decode(Self.replacing(Self.u8, 5, with: 0), count: 3)
        }
    }

    @Test func nonCanonicalVarintIsRefused() {
        // Block size 2 written as 0x82 0x00.
        var bytes = Self.u8
        bytes.replaceSubrange(5..<6, with: [0x82, 0x00])
        #expect(throws: CodecError.malformed(codec: "swc", reason: "u8 block size: non-canonical varint at byte 5")) {
            try Self.decode(bytes, count: 3)
        }
    }

    @Test func qsgdBitsOutsideOneToEightAreRefused() throws {
        let bytes = try encoded("qsgd:2", [1, 0, -1, -1])
        for bits: UInt8 in [0, 9] {
            #expect(throws: CodecError.invalidParameter(codec: "swc", stage: "qsgd:\(bits):512", reason: "bits \(bits) is outside 1...8")) {
                try Self.decode(Self.replacing(bytes, 5, with: bits), count: 4)
            }
        }
    }

    @Test func qsgdCodeAboveTheGridIsRefused() throws {
        // 2 bits: codes 0...2; code 3 (the unused all-ones pattern) in the first value.
        let bytes = Self.replacing(try encoded("qsgd:2", [1, 0, -1, -1]), 13, with: 0x07)
        #expect(throws: CodecError.malformed(codec: "swc", reason: "qsgd: code 3 at value 0 is above 2")) {
            try Self.decode(bytes, count: 4)
        }
    }

    @Test func signPaddingMustBeZero() throws {
        // Four values use the low 4 bits of the sign byte.
        let bytes = Self.replacing(try encoded("sign:4", [0.5, -1.5, 0, 2]), 11, with: 0x12)
        #expect(throws: CodecError.malformed(codec: "swc", reason: "sign: padding bits after value 3 are not zero")) {
            try Self.decode(bytes, count: 4)
        }
    }

    @Test func nonFiniteThresholdInTheHeaderIsRefused() throws {
        var bytes = try encoded("threshold:0.5+f16", [0.5, 0.25, -1, 0])
        bytes.replaceSubrange(5..<9, with: [0x00, 0x00, 0xC0, 0x7F])
        #expect(throws: CodecError.invalidParameter(codec: "swc", stage: "threshold", reason: "threshold nan is not finite and ≥ 0")) {
            try Self.decode(bytes, count: 4)
        }
    }

    @Test func everyTruncationOfAPayloadThrowsAndNeverTraps() throws {
        let bytes = try encoded("topk:0.1+qsgd:3:16", normalValues(300, seed: 5))
        for length in 0..<bytes.count {
            #expect(throws: CodecError.self) { try Self.decode(Array(bytes.prefix(length)), count: 300) }
        }
    }

    @Test func everySingleByteCorruptionEitherThrowsOrDecodesToTheRightLength() throws {
        // Flipping any bit may still be a valid payload (a value byte); it must never trap or return another length.
        let bytes = try encoded("topk:0.2+u8:8", normalValues(64, seed: 6))
        for index in bytes.indices {
            for bit in 0..<8 {
                var corrupted = bytes
                corrupted[index] ^= 1 << UInt8(bit)
                if let values = try? Self.decode(corrupted, count: 64) { #expect(values.count == 64) }
            }
        }
    }
}
