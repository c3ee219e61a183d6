import Testing
@testable import SwiftletFederated

@Suite struct EngineCheckpointEncodingTests {
    typealias Fixture = CheckpointTestData

    @Test func roundTripRestoresEveryFieldExactly() throws {
        let original = Fixture.checkpoint
        let decoded = try EngineCheckpoint(decoding: original.encoded())
        #expect(decoded == original)
        #expect(decoded.parameters.values.map(\.bitPattern) == original.parameters.values.map(\.bitPattern))
        #expect(decoded.strategyState.doubles["tiny"]?.bitPattern == (-Double.leastNonzeroMagnitude).bitPattern)
        #expect(decoded.strategyState.ints["most-negative"] == Int.min)
        #expect(decoded.elapsed == .seconds(62) + .nanoseconds(642_857_142))
    }

    @Test func historyDoublesKeepTheirBitPatterns() throws {
        let decoded = try EngineCheckpoint(decoding: Fixture.checkpoint.encoded())
        let records = decoded.history.records
        #expect(records[0].centralEvaluation?.loss.bitPattern == (0.1 + 0.2).bitPattern)
        #expect(records[0].centralEvaluation?.metrics.scalar("accuracy")?.bitPattern == (1.0 / 3.0).bitPattern)
        #expect(records[1].startTime.bitPattern == Double.leastNonzeroMagnitude.bitPattern)
        #expect(records[3].duration.bitPattern == (1.0 / 7.0).bitPattern)
        #expect(records[2].centralEvaluation?.loss == 2.5)
    }

    @Test func encodingIsDeterministic() throws {
        #expect(Fixture.checkpoint.encoded() == Fixture.checkpoint.encoded())
        #expect(try EngineCheckpoint(decoding: Fixture.checkpoint.encoded()).encoded() == Fixture.checkpoint.encoded())
    }

    @Test func headerIsMagicVersionFlagsAndPayloadSize() {
        let bytes = Fixture.checkpoint.encoded()
        #expect(Array(bytes[0..<8]) == Array("SWLTCKPT".utf8))
        #expect(Array(bytes[8..<12]) == [1, 0, 0, 0])
        let size = bytes[12..<20].enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << (8 * $1.offset) }
        #expect(Int(size) == bytes.count - EngineCheckpoint.headerSize - 4)
    }

    @Test func fieldsSitWhereTheFormatSaysInLittleEndian() {
        let bytes = Fixture.checkpoint.encoded()
        #expect(Array(bytes[Fixture.roundOffset..<(Fixture.roundOffset + 8)]) == [2, 0, 0, 0, 0, 0, 0, 0])
        #expect(Array(bytes[Fixture.attemptOffset..<(Fixture.attemptOffset + 8)]) == [3, 0, 0, 0, 0, 0, 0, 0])
        #expect(Array(bytes[Fixture.strategyOffset..<(Fixture.strategyOffset + 11)]) == [7, 0, 0, 0] + Array("FedAdam".utf8))
        // 1.5 as float32 is 0x3FC00000.
        #expect(Array(bytes[Fixture.firstValueOffset..<(Fixture.firstValueOffset + 4)]) == [0x00, 0x00, 0xC0, 0x3F])
    }

    @Test func trailerIsTheCRC32OfEverythingBefore() {
        let bytes = Fixture.checkpoint.encoded()
        let stored = bytes.suffix(4).enumerated().reduce(UInt32(0)) { $0 | UInt32($1.element) << (8 * $1.offset) }
        #expect(stored == CRC32.checksum(bytes.dropLast(4)))
    }

    @Test func crc32MatchesTheStandardCheckValue() {
        // The catalogued check value of CRC-32/ISO-HDLC over "123456789".
        #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
    }

    @Test func emptyStateAndHistoryRoundTrip() throws {
        let checkpoint = EngineCheckpoint(round: 0, strategy: "FedAvg", parameters: ArrayRecord(flat: [0, 1]), history: History())
        #expect(try EngineCheckpoint(decoding: checkpoint.encoded()) == checkpoint)
    }
}
