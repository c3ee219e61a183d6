import SwiftletTensor

/// Stochastic k-bit quantization (`qsgd:<bits>:<bucket>`), unbiased: E[decode(encode(x))] = x.
///
/// QSGD (Alistarh et al., "QSGD: Communication-Efficient SGD via Gradient Quantization and Encoding",
/// NeurIPS 2017) rounds each value, normalised by its bucket's scale, to one of the two nearest points of a
/// uniform grid at random with probabilities that make the expectation exact. Swiftlet normalises by the
/// bucket's largest magnitude — the variant the paper's experiments use with buckets, which lowers the
/// variance against the L2 norm of its analysis — and places `P` points evenly on [−1, 1]: `P = 2ᵏ − 1` for
/// k ≥ 2 (an odd count, so zero is exact; the all-ones code is unused and rejected), `P = 2` for k = 1
/// (stochastic sign, {−1, +1}). Code `j` means `scale · (−1 + 2j / (P − 1))`. Variance per value is at most
/// `scale² / (P − 1)²`.
///
/// Payload: the buckets' scales (float32 LE), then every value's code in `bits` bits, least significant bit
/// first, the last byte padded with zero bits. The rounding draws come from the seed the encoder is given.
enum QSGDQuantizer {
    /// Grid points for `bits` bits.
    static func points(bits: Int) -> Int { bits == 1 ? 2 : (1 << bits) - 1 }

    static func payloadSize(count: Int, bits: Int, bucketSize: Int) -> Int {
        BlockScale.blocks(count: count, size: bucketSize) * 4 + (count * bits + 7) / 8
    }

    static func encode(_ values: UnsafeBufferPointer<Float>, bits: Int, bucketSize: Int, generator: inout SeededGenerator,
                       into out: UnsafeMutableRawBufferPointer) {
        let count = values.count
        let buckets = BlockScale.blocks(count: count, size: bucketSize)
        let steps = Float(points(bits: bits) - 1)
        let top = UInt32(points(bits: bits) - 1)
        var writer = BitWriter(capacity: (count * bits + 7) / 8)
        for bucket in 0..<buckets {
            let range = bucket * bucketSize..<min(count, (bucket + 1) * bucketSize)
            let scale = BlockScale.maxMagnitude(values, range)
            BlockScale.write(scale, to: out, offset: bucket * 4)
            guard scale.isFinite, scale > 0 else {
                // All zero (code of 0 is the middle point) or non-finite (rejected by the receiver anyway).
                for _ in range { writer.write(top / 2, bits: bits) }
                continue
            }
            let half = steps / 2
            for i in range {
                // Position on the grid in [0, P − 1]; clamped against rounding at ±scale.
                let t = Swift.min(Swift.max((values[i] / scale + 1) * half, 0), steps)
                var j = t.rounded(.down)
                if generator.nextUnitFloat() < t - j { j += 1 }
                writer.write(Swift.min(UInt32(j), top), bits: bits)
            }
        }
        let packed = writer.finish()
        let codes = UnsafeMutableRawBufferPointer(rebasing: out[(buckets * 4)...])
        codes.copyBytes(from: packed)
    }

    static func decode(_ payload: UnsafeRawBufferPointer, count: Int, bits: Int, bucketSize: Int, codec: String,
                       into out: UnsafeMutablePointer<Float>) throws(CodecError) {
        let buckets = BlockScale.blocks(count: count, size: bucketSize)
        let top = UInt32(points(bits: bits) - 1)
        let step = 2 / Float(top)
        var reader = BitReader(codec: codec, section: "qsgd codes", bytes: UnsafeRawBufferPointer(rebasing: payload[(buckets * 4)...]))
        for bucket in 0..<buckets {
            let scale = try BlockScale.read(payload, offset: bucket * 4, block: bucket, codec: codec)
            for i in bucket * bucketSize..<min(count, (bucket + 1) * bucketSize) {
                let code = try reader.read(bits: bits)
                guard code <= top else {
                    throw .malformed(codec: codec, reason: "qsgd: code \(code) at value \(i) is above \(top)")
                }
                out[i] = scale * (Float(code) * step - 1)
            }
        }
        try reader.checkPadding()
    }
}
