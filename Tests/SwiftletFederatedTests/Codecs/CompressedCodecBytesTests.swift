import Testing
import SwiftletFederated

/// Exact bytes on the wire for small inputs worked out by hand (see CompressedWireFormat for the layout).
@Suite struct CompressedCodecBytesTests {
    @Test func float16PayloadIsHeaderThenHalfWords() throws {
        // 1 = 0x3C00, −2 = 0xC000 in binary16.
        #expect(try encoded("f16", [1, -2]) == [0x53, 0x57, 0x01, 0x01, 0x02, 0x02, 0x00, 0x3C, 0x00, 0xC0])
    }

    @Test func bfloat16RoundsTiesToEven() throws {
        // 1 + 2⁻⁸ (0x3F80_8000) is a tie that rounds down to the even 0x3F80; 1 + 3·2⁻⁸ (0x3F81_8000) rounds up to 0x3F82.
        let bytes = try encoded("bf16", [1.00390625, 1.01171875])
        #expect(bytes == [0x53, 0x57, 0x01, 0x01, 0x03, 0x02, 0x80, 0x3F, 0x82, 0x3F])
    }

    @Test func blockwise8WritesScalesThenCodes() throws {
        // Block 0 = [1, −0.5]: absmax 1, codes 127 and round(−63.5) = −64 (ties to even) = 0xC0.
        // Block 1 = [0.25]: absmax 0.25 (0x3E80_0000), code 127.
        #expect(try encoded("u8:2", [1, -0.5, 0.25]) == [
            0x53, 0x57, 0x01, 0x01, 0x04, 0x02, 0x03,
            0x00, 0x00, 0x80, 0x3F, 0x00, 0x00, 0x80, 0x3E,
            0x7F, 0xC0, 0x7F,
        ])
    }

    @Test func topKWritesRiceCodedGapsThenValues() throws {
        // n = 8, k = 2: positions 1 and 6; gaps 1 and 4; mean gap 3 → Rice b = 1 (6 bits, against 7 for b = 0 or 2).
        // Gap 1: unary 0 "0", low bit "1". Gap 4: unary 2 "110", low bit "0". Bits 0,1,1,1,0,0 LSB first = 0x0E.
        let bytes = try encoded("topk:0.25", [0, 3, 0, -1, 0, 0, 2, 0])
        #expect(bytes == [
            0x53, 0x57, 0x01, 0x02, 0x10, 0x02, 0x01, 0x01, 0x08,
            0x0E,
            0x00, 0x00, 0x40, 0x40, 0x00, 0x00, 0x00, 0x40,
        ])
    }

    @Test func signWritesMeanMagnitudeThenSignBits() throws {
        // Mean |x| of [0.5, −1.5, 0, 2] is 1; only value 1 is negative: 0b0010.
        #expect(try encoded("sign:4", [0.5, -1.5, 0, 2]) == [
            0x53, 0x57, 0x01, 0x01, 0x06, 0x04, 0x04, 0x00, 0x00, 0x80, 0x3F, 0x02,
        ])
    }

    @Test func qsgdOnGridPointsIsDeterministic() throws {
        // 2 bits: points {−1, 0, 1} × scale 1; [1, 0, −1, −1] are codes 2, 1, 0, 0 = 0b00_00_01_10 = 0x06.
        // The bucket size 512 is the varint 0x80 0x04.
        #expect(try encoded("qsgd:2", [1, 0, -1, -1], seed: 99) == [
            0x53, 0x57, 0x01, 0x01, 0x05, 0x02, 0x80, 0x04, 0x04, 0x00, 0x00, 0x80, 0x3F, 0x06,
        ])
    }

    @Test func thresholdWritesItsThresholdAndKeptPositions() throws {
        // |x| ≥ 0.5 keeps positions 0 and 2 of 4: gaps 0 and 1, mean gap 1 → b = 0: "0", "10" = bits 0,1,0 = 0x02.
        let bytes = try encoded("threshold:0.5+f16", [0.5, 0.25, -1, 0])
        #expect(bytes == [
            0x53, 0x57, 0x01, 0x02, 0x11, 0x00, 0x00, 0x00, 0x3F, 0x02, 0x00, 0x02, 0x04,
            0x02,
            0x00, 0x38, 0x00, 0xBC,
        ])
    }

    @Test func randomKSendsItsSeedInsteadOfIndices() throws {
        let bytes = try encoded("randk:0.5", [1, 2, 3, 4], seed: 7)
        // Header: 2 stages, randk with m = 2 and an 8-byte seed, f32, n = 4; then two float32 values only.
        #expect(bytes.count == 4 + 1 + 1 + 8 + 1 + 1 + 8)
        let header = try CompressedCodec.header(of: bytes, count: 4)
        guard case .randomK(let kept, _) = header.kept else { Issue.record("expected randk, got \(header.kept)"); return }
        #expect(kept == 2)
    }

    @Test func emptyVectorIsHeaderOnly() throws {
        #expect(try encoded("topk:0.1+u8", []) == [0x53, 0x57, 0x01, 0x02, 0x10, 0x00, 0x00, 0x04, 0x80, 0x02, 0x00])
        #expect(try roundTrip("topk:0.1+u8", []) == [])
    }
}
