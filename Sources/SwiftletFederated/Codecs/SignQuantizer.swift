/// One bit per value plus one float32 scale per block (`sign:<block>`): each value decodes to ±scale.
///
/// signSGD (Bernstein et al., "signSGD: Compressed Optimisation for Non-Convex Problems", ICML 2018) sends
/// only signs; EF-SignSGD (Karimireddy et al., "Error Feedback Fixes SignSGD and other Gradient Compression
/// Schemes", ICML 2019) scales them by the mean magnitude `‖x‖₁ / d` so the step keeps its size, and adds
/// the error back next round (``ErrorFeedback``) — without it the sign is biased and may not converge. The
/// scale is taken per block of `block` values so a layer with large updates does not swamp a quiet one.
/// Zero counts as positive.
///
/// Payload: the blocks' scales (float32 LE), then one bit per value (1 = negative), least significant bit
/// first, the last byte padded with zero bits.
enum SignQuantizer {
    static func payloadSize(count: Int, blockSize: Int) -> Int {
        BlockScale.blocks(count: count, size: blockSize) * 4 + (count + 7) / 8
    }

    static func encode(_ values: UnsafeBufferPointer<Float>, blockSize: Int, into out: UnsafeMutableRawBufferPointer) {
        let count = values.count
        let blocks = BlockScale.blocks(count: count, size: blockSize)
        for block in 0..<blocks {
            let range = block * blockSize..<min(count, (block + 1) * blockSize)
            var sum: Double = 0
            for i in range { sum += Double(values[i].magnitude) }
            BlockScale.write(Float(sum / Double(range.count)), to: out, offset: block * 4)
        }
        let signs = UnsafeMutableRawBufferPointer(rebasing: out[(blocks * 4)...])
        for byte in 0..<signs.count {
            var bits: UInt8 = 0
            for bit in 0..<min(8, count - byte * 8) where values[byte * 8 + bit] < 0 { bits |= 1 << UInt8(bit) }
            signs[byte] = bits
        }
    }

    static func decode(_ payload: UnsafeRawBufferPointer, count: Int, blockSize: Int, codec: String,
                       into out: UnsafeMutablePointer<Float>) throws(CodecError) {
        let blocks = BlockScale.blocks(count: count, size: blockSize)
        let signs = UnsafeRawBufferPointer(rebasing: payload[(blocks * 4)...])
        if count % 8 != 0, signs[signs.count - 1] >> UInt8(count % 8) != 0 {
            throw .malformed(codec: codec, reason: "sign: padding bits after value \(count - 1) are not zero")
        }
        for block in 0..<blocks {
            let scale = try BlockScale.read(payload, offset: block * 4, block: block, codec: codec)
            for i in block * blockSize..<min(count, (block + 1) * blockSize) {
                out[i] = (signs[i >> 3] >> UInt8(i & 7)) & 1 == 0 ? scale : -scale
            }
        }
    }
}
