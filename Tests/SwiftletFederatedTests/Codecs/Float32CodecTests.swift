import Testing
import SwiftletFederated

@Suite struct Float32CodecTests {
    static let codec = Float32Codec()

    static func encode(_ values: [Float]) -> [UInt8] {
        values.withUnsafeBufferPointer { codec.encode($0) }
    }

    static func roundTripBits(_ bits: [UInt32]) throws -> [UInt32] {
        let values = bits.map(Float.init(bitPattern:))
        return try codec.decode(encode(values), count: values.count).map(\.bitPattern)
    }

    @Test func identifierIsF32le() {
        #expect(Self.codec.identifier == "f32le")
    }

    @Test func oneIsWrittenLeastSignificantByteFirst() {
        // 1.0 = 0x3F80_0000.
        #expect(Self.encode([1]) == [0x00, 0x00, 0x80, 0x3F])
    }

    @Test func knownFloatsHaveTheirIEEEBytes() {
        // −2 = 0xC000_0000; 0.1 rounds to 0x3DCC_CCCD; the smallest subnormal is 0x0000_0001.
        #expect(Self.encode([-2, 0.1, .leastNonzeroMagnitude]) == [
            0x00, 0x00, 0x00, 0xC0,
            0xCD, 0xCC, 0xCC, 0x3D,
            0x01, 0x00, 0x00, 0x00,
        ])
    }

    @Test func knownBytesDecodeToTheirFloats() throws {
        #expect(try Self.codec.decode([0x00, 0x00, 0x80, 0x3F, 0x00, 0x00, 0x00, 0xC0], count: 2) == [1, -2])
    }

    @Test func emptyVectorIsNoBytes() throws {
        #expect(Self.encode([]) == [])
        #expect(try Self.codec.decode([], count: 0) == [])
    }

    @Test func negativeZeroKeepsItsSign() throws {
        #expect(try Self.roundTripBits([0x8000_0000]) == [0x8000_0000])
    }

    @Test func nanPayloadsAndSignsSurviveBitForBit() throws {
        // A quiet NaN with a payload, a negative quiet NaN, and a signalling NaN.
        let nans: [UInt32] = [0x7FC0_0001, 0xFFC0_0000, 0x7F80_0001]
        #expect(try Self.roundTripBits(nans) == nans)
    }

    @Test func infinitiesSurvive() throws {
        #expect(try Self.roundTripBits([0x7F80_0000, 0xFF80_0000]) == [0x7F80_0000, 0xFF80_0000])
    }

    @Test func subnormalsSurviveBitForBit() throws {
        // The smallest and the largest subnormal, and a negative one.
        let subnormals: [UInt32] = [0x0000_0001, 0x007F_FFFF, 0x8040_0000]
        #expect(try Self.roundTripBits(subnormals) == subnormals)
    }

    @Test func tooFewBytesAreALengthMismatch() {
        let error = #expect(throws: CodecError.lengthMismatch(codec: "f32le", expected: 8, actual: 7)) {
            try Self.codec.decode([UInt8](repeating: 0, count: 7), count: 2)
        }
        #expect(error?.description == "f32le: expected 8 bytes, got 7")
    }

    @Test func tooManyBytesAreALengthMismatch() {
        #expect(throws: CodecError.lengthMismatch(codec: "f32le", expected: 4, actual: 8)) {
            try Self.codec.decode([UInt8](repeating: 0, count: 8), count: 1)
        }
    }

    @Test func negativeCountIsMalformedAndSaysSo() {
        let error = #expect(throws: CodecError.malformed(codec: "f32le", reason: "element count -1 is negative")) {
            try Self.codec.decode([], count: -1)
        }
        #expect(error?.description == "f32le: element count -1 is negative")
    }

    @Test func countWhoseByteLengthOverflowsIsMalformed() {
        let count = Int.max / 2
        #expect(throws: CodecError.malformed(codec: "f32le", reason: "element count \(count) needs more than \(Int.max) bytes")) {
            try Self.codec.decode([0, 0, 0, 0], count: count)
        }
    }
}
