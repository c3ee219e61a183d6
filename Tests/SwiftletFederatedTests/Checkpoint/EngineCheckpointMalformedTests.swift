import Testing
@testable import SwiftletFederated

@Suite struct EngineCheckpointMalformedTests {
    typealias Fixture = CheckpointTestData
    let bytes = CheckpointTestData.checkpoint.encoded()

    func decodingError(_ bytes: [UInt8]) -> CheckpointError? {
        do {
            _ = try EngineCheckpoint(decoding: bytes)
            return nil
        } catch {
            return error
        }
    }

    @Test func wrongMagicIsRefused() {
        var copy = bytes
        copy[0] = UInt8(ascii: "X")
        #expect(decodingError(copy) == .badMagic(found: Array("XWLTCKPT".utf8)))
    }

    @Test func emptyInputIsTruncatedAtTheMagic() {
        #expect(decodingError([]) == .truncated(field: "magic", offset: 0, needed: 8, available: 0))
    }

    @Test func unknownVersionIsRefused() {
        var copy = bytes
        copy[8] = 2
        #expect(decodingError(copy) == .unsupportedVersion(found: 2, supported: 1))
    }

    @Test func reservedFlagsMustBeZero() {
        var copy = bytes
        copy[10] = 1
        #expect(decodingError(copy) == .malformed(field: "flags", offset: 10, reason: "reserved flags are 1, expected 0"))
    }

    @Test func everyTruncationIsRefused() {
        for length in 0..<bytes.count {
            #expect(decodingError(Array(bytes.prefix(length))) != nil, "prefix of \(length) bytes was accepted")
        }
    }

    @Test func payloadSizeBeyondTheBytesIsRefused() {
        var copy = bytes
        for i in 12..<20 { copy[i] = 0xFF }
        #expect(decodingError(copy) == .invalidLength(field: "payloadSize", offset: 12, value: .max,
                                                      reason: "exceeds the \(bytes.count - 20) bytes after the header"))
    }

    @Test func aFlippedPayloadBitFailsTheChecksum() {
        var copy = bytes
        copy[Fixture.firstValueOffset] ^= 0x01
        guard case .checksumMismatch(let stored, let computed)? = decodingError(copy) else {
            Issue.record("expected a checksum mismatch")
            return
        }
        #expect(stored != computed)
    }

    @Test func bytesAfterTheChecksumAreRefused() {
        #expect(decodingError(bytes + [0]) == .trailingBytes(offset: bytes.count, count: 1))
    }

    @Test func nonFiniteParameterIsRefused() {
        // Second value (index 1) becomes NaN (0x7FC00000); the checksum is fixed so the field check is reached.
        let copy = Fixture.patched(bytes, at: Fixture.firstValueOffset + 4, Float.nan.bitPattern)
        #expect(decodingError(copy) == .nonFiniteValue(field: "parameters", index: 1))
    }

    @Test func infiniteParameterIsRefused() {
        let copy = Fixture.patched(bytes, at: Fixture.firstValueOffset, Float.infinity.bitPattern)
        #expect(decodingError(copy) == .nonFiniteValue(field: "parameters", index: 0))
    }

    @Test func valueCountExceedingTheBytesIsRefusedBeforeAllocating() {
        let countOffset = Fixture.firstValueOffset - 8
        let copy = Fixture.patched(bytes, at: countOffset, UInt64(1) << 60)
        guard case .invalidLength(let field, let offset, let value, _)? = decodingError(copy) else {
            Issue.record("expected an invalid length")
            return
        }
        #expect(field == "parameters.values")
        #expect(offset == countOffset)
        #expect(value == 1 << 60)
    }

    @Test func valueCountOverflowingIsRefused() {
        let countOffset = Fixture.firstValueOffset - 8
        let copy = Fixture.patched(bytes, at: countOffset, UInt64(Int.max))
        guard case .invalidLength(let field, _, _, let reason)? = decodingError(copy) else {
            Issue.record("expected an invalid length")
            return
        }
        #expect(field == "parameters.values")
        #expect(reason.contains("more than Int.max"))
    }

    @Test func valueCountDisagreeingWithTheShapesIsRefused() {
        // Shapes describe 6 values; the record claims 5 and the stream shifts by 4 bytes.
        let countOffset = Fixture.firstValueOffset - 8
        let copy = Fixture.patched(bytes, at: countOffset, UInt64(5))
        #expect(decodingError(copy) == .malformed(field: "parameters", offset: countOffset,
                                                  reason: "array specs describe 6 values, the record holds 5"))
    }

    @Test func stringLengthBeyondTheBytesIsRefused() {
        let copy = Fixture.patched(bytes, at: Fixture.strategyOffset, UInt32.max)
        guard case .invalidLength(let field, let offset, let value, _)? = decodingError(copy) else {
            Issue.record("expected an invalid length")
            return
        }
        #expect(field == "strategy")
        #expect(offset == Fixture.strategyOffset)
        #expect(value == UInt64(UInt32.max))
    }

    @Test func invalidUTF8IsRefused() {
        let copy = Fixture.patched(bytes, at: Fixture.strategyOffset + 4, UInt8(0xFF))
        #expect(decodingError(copy) == .malformed(field: "strategy", offset: Fixture.strategyOffset + 4, reason: "not valid UTF-8"))
    }

    @Test func negativeRoundIsRefused() {
        let copy = Fixture.patched(bytes, at: Fixture.roundOffset, Int64(-1))
        #expect(decodingError(copy) == .malformed(field: "round", offset: Fixture.roundOffset,
                                                  reason: "-1 is outside 0...\(Int.max)"))
    }

    @Test func zeroAttemptIsRefused() {
        let copy = Fixture.patched(bytes, at: Fixture.attemptOffset, Int64(0))
        #expect(decodingError(copy) == .malformed(field: "attempt", offset: Fixture.attemptOffset,
                                                  reason: "0 is outside 1...\(Int.max)"))
    }

    @Test func negativeDimensionIsRefused() {
        // The first spec's first dimension: after the strategy name, spec count, name length and name, rank.
        let dimensionOffset = Fixture.strategyOffset + 11 + 4 + 4 + 9 + 4
        let copy = Fixture.patched(bytes, at: dimensionOffset, Int64(-2))
        #expect(decodingError(copy) == .malformed(field: "parameters.specs[0].shape[0]", offset: dimensionOffset,
                                                  reason: "-2 is outside 0...\(Int.max)"))
    }

    @Test func corruptHistoryJSONIsRefused() {
        // The history is last: its final byte is the newline ending the last JSON line; break the line before it.
        var copy = bytes
        copy[copy.count - 6] = UInt8(ascii: "{")
        guard case .malformed(let field, _, let reason)? = decodingError(Fixture.resealed(copy)) else {
            Issue.record("expected a malformed history")
            return
        }
        #expect(field == "history")
        #expect(reason.hasPrefix("invalid JSON Lines"))
    }

    @Test func nonFiniteStateDoubleIsRefused() {
        var state = StrategyState(doubles: ["rate": 0.5])
        state.doubles["rate"] = 0.5
        let checkpoint = EngineCheckpoint(round: 1, strategy: "X", parameters: ArrayRecord(flat: [1]), history: History(),
                                          strategyState: state)
        var encoded = checkpoint.encoded()
        // The double is the last 8 bytes before the ints count (4), the history length (8, empty history) and the CRC (4).
        let doubleOffset = encoded.count - 4 - 8 - 4 - 8
        encoded = Fixture.patched(encoded, at: doubleOffset, Double.infinity.bitPattern)
        #expect(decodingError(encoded) == .nonFiniteValue(field: "state.doubles[rate]", index: 0))
    }
}
