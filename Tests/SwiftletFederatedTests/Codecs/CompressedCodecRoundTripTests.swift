import Testing
import SwiftletFederated

/// Decoding gives back the input within each quantizer's error bound.
@Suite struct CompressedCodecRoundTripTests {
    static let values = normalValues(1000, seed: 11, scale: 0.01)

    @Test func float32StageIsExact() throws {
        #expect(try roundTrip("f32", Self.values) == Self.values)
    }

    @Test func float16RelativeErrorIsAtMostHalfAnUlp() throws {
        let decoded = try roundTrip("f16", Self.values)
        for (x, y) in zip(Self.values, decoded) where abs(x) >= 6.2e-5 {
            // Normal binary16 values: relative error ≤ 2⁻¹¹.
            #expect(abs(x - y) <= abs(x) * 0x1p-11)
        }
    }

    @Test func bfloat16RelativeErrorIsAtMostHalfAnUlp() throws {
        let decoded = try roundTrip("bf16", Self.values)
        for (x, y) in zip(Self.values, decoded) { #expect(abs(x - y) <= abs(x) * 0x1p-8) }
    }

    @Test func blockwise8ErrorIsAtMostHalfAStepOfItsBlock() throws {
        let decoded = try roundTrip("u8:64", Self.values)
        for block in stride(from: 0, to: Self.values.count, by: 64) {
            let range = block..<min(Self.values.count, block + 64)
            let absmax = Self.values[range].map(abs).max()!
            for i in range { #expect(abs(Self.values[i] - decoded[i]) <= absmax / 254 * 1.0001) }
        }
    }

    @Test func blockwise8KeepsZeroAndTheBlockMaximumExactly() throws {
        let decoded = try roundTrip("u8:4", [0, 0.5, -2, 1])
        #expect(decoded[0] == 0)
        #expect(abs(decoded[2] + 2) <= 2 * 0x1p-22)
    }

    @Test func signDecodesToPlusOrMinusTheBlockMeanMagnitude() throws {
        let decoded = try roundTrip("sign:3", [3, -1, 2, -4, 0, 1])
        let third: Float = 5.0 / 3
        let expected: [Float] = [2, -2, 2, -third, third, third]
        #expect(decoded == expected)
    }

    @Test func qsgdErrorIsAtMostOneGridStep() throws {
        for bits in 1...8 {
            let decoded = try roundTrip("qsgd:\(bits):100", Self.values, seed: UInt64(bits))
            let points = bits == 1 ? 2 : (1 << bits) - 1
            for bucket in stride(from: 0, to: Self.values.count, by: 100) {
                let range = bucket..<(bucket + 100)
                let scale = Self.values[range].map(abs).max()!
                let step = 2 * scale / Float(points - 1)
                for i in range { #expect(abs(Self.values[i] - decoded[i]) <= step * 1.0001) }
            }
        }
    }

    @Test func topKKeepsExactlyTheLargestMagnitudes() throws {
        let decoded = try roundTrip("topk:0.05", Self.values)
        let kept = decoded.indices.filter { decoded[$0] != 0 }
        #expect(kept.count == 50)
        let smallestKept = kept.map { abs(Self.values[$0]) }.min()!
        let largestDropped = Self.values.indices.filter { decoded[$0] == 0 }.map { abs(Self.values[$0]) }.max()!
        #expect(smallestKept >= largestDropped)
        for i in kept { #expect(decoded[i] == Self.values[i]) }
    }

    @Test func topKWithEightBitValuesKeepsPositionsAndBoundsValues() throws {
        let exact = try roundTrip("topk:0.05", Self.values)
        let quantized = try roundTrip("topk:0.05+u8:16", Self.values)
        for i in exact.indices {
            #expect((exact[i] == 0) == (quantized[i] == 0))
            #expect(abs(exact[i] - quantized[i]) <= abs(exact[i]) / 127 + 1e-9)
        }
    }

    @Test func thresholdKeepsEveryValueAtOrAboveIt() throws {
        let decoded = try roundTrip("threshold:0.015", Self.values)
        for (x, y) in zip(Self.values, decoded) { #expect(y == (abs(x) >= 0.015 ? x : 0)) }
    }

    @Test func randomKKeepsTheRequestedCountOfUnchangedValues() throws {
        let decoded = try roundTrip("randk:0.1", Self.values, seed: 3)
        let kept = decoded.indices.filter { decoded[$0] != 0 }
        #expect(kept.count == 100)
        for i in kept { #expect(decoded[i] == Self.values[i]) }
    }

    @Test func randomKMaskDependsOnTheSeed() throws {
        let a = try roundTrip("randk:0.1", Self.values, seed: 3).map { $0 != 0 }
        let b = try roundTrip("randk:0.1", Self.values, seed: 4).map { $0 != 0 }
        #expect(a != b)
    }

    @Test func sameSeedGivesTheSameBytes() throws {
        for spec in ["qsgd:4", "randk:0.05+qsgd:2", "topk:0.01+u8"] {
            #expect(try encoded(spec, Self.values, seed: 42) == encoded(spec, Self.values, seed: 42))
        }
        #expect(try encoded("qsgd:4", Self.values, seed: 42) != encoded("qsgd:4", Self.values, seed: 43))
    }

    @Test func nanInTheInputReachesTheReceiverAsAnError() throws {
        var values = Self.values
        values[500] = .nan
        // The block scale becomes NaN: the receiver refuses the payload rather than decode finite garbage.
        #expect(throws: CodecError.self) { try roundTrip("u8:64", values) }
        // Top-k always keeps a NaN, so the receiver sees it (and the server's validation rejects the update).
        #expect(try roundTrip("topk:0.01", values)[500].isNaN)
    }

    @Test func compressionRatiosMatchTheFormat() throws {
        let n = 100_000
        let values = normalValues(n, seed: 12)
        // Headers: magic, version, stage count, stage id, parameters, the count 100,000 as a 3-byte varint.
        #expect(try encoded("f16", values).count == 8 + 2 * n)
        #expect(try encoded("u8", values).count == 10 + n + 4 * ((n + 255) / 256))
        #expect(try encoded("qsgd:4", values).count == 11 + 4 * ((n + 511) / 512) + n / 2)
        // Top-1% with 8-bit values: 1,000 values, ~8 bits per index (log₂ 100 + 1.5), under 2.2 bytes per kept entry.
        let sparse = try encoded("topk:0.01+u8", values).count
        #expect(sparse < 2_200)
    }
}
