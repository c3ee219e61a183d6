/// Values as signed 8-bit integers with one float32 scale per block (`u8:<block>`): 1 + 4/block bytes each.
///
/// Block-wise quantization after Dettmers et al., "8-bit Optimizers via Block-wise Quantization" (ICLR
/// 2022): each block of `block` values is normalised by its own largest magnitude, so one outlier costs
/// precision only inside its block. Swiftlet uses the linear map `q = round(127 · x / absmax)` (not the
/// paper's dynamic map): decoding is one multiply, the error is at most `absmax / 254` per value, and zero
/// is exact. The code −128 is never written and is rejected when read.
///
/// Payload: the blocks' scales (float32 LE, `absmax`) then the codes, one byte each.
enum Blockwise8BitQuantizer {
    static func payloadSize(count: Int, blockSize: Int) -> Int {
        BlockScale.blocks(count: count, size: blockSize) * 4 + count
    }

    static func encode(_ values: UnsafeBufferPointer<Float>, blockSize: Int, into out: UnsafeMutableRawBufferPointer) {
        let count = values.count
        let blocks = BlockScale.blocks(count: count, size: blockSize)
        let codes = out.baseAddress!.advanced(by: blocks * 4).assumingMemoryBound(to: Int8.self)
        for block in 0..<blocks {
            let range = block * blockSize..<min(count, (block + 1) * blockSize)
            let absmax = BlockScale.maxMagnitude(values, range)
            BlockScale.write(absmax, to: out, offset: block * 4)
            guard absmax.isFinite, absmax > 0 else {
                // Zero blocks are exact; a non-finite scale is sent as is so that the receiver rejects it.
                for i in range { codes[i] = 0 }
                continue
            }
            let inverse = 127 / absmax
            if inverse.isFinite {
                quantize(values, range, inverse: inverse, into: UnsafeMutableRawPointer(codes).assumingMemoryBound(to: UInt8.self))
            } else {
                // A subnormal block: the reciprocal overflows float32, so scale in double.
                let wide = 127 / Double(absmax)
                for i in range { codes[i] = Int8(Swift.min(Swift.max((Double(values[i]) * wide).rounded(.toNearestOrEven), -127), 127)) }
            }
        }
    }

    /// `round(x · inverse)` clamped to ±127 for `values[range]`, as bytes at `codes + i`. Adding 1.5 · 2²³
    /// rounds to nearest even in the FPU and leaves the integer, two's complement, in the low byte of the
    /// sum's bits: no float-to-integer conversion, so the loop vectorises.
    @inline(__always)
    static func quantize(_ values: UnsafeBufferPointer<Float>, _ range: Range<Int>, inverse: Float, into codes: UnsafeMutablePointer<UInt8>) {
        let magic: Float = 12_582_912
        for i in range {
            let q = Swift.min(Swift.max(values[i] * inverse, -127), 127) + magic
            codes[i] = UInt8(truncatingIfNeeded: q.bitPattern)
        }
    }

    static func decode(_ payload: UnsafeRawBufferPointer, count: Int, blockSize: Int, codec: String,
                       into out: UnsafeMutablePointer<Float>) throws(CodecError) {
        let blocks = BlockScale.blocks(count: count, size: blockSize)
        let codes = payload.baseAddress!.advanced(by: blocks * 4).assumingMemoryBound(to: Int8.self)
        for block in 0..<blocks {
            let scale = try BlockScale.read(payload, offset: block * 4, block: block, codec: codec) / 127
            let start = block * blockSize, end = min(count, start + blockSize)
            var invalid: UInt8 = 0
            for i in start..<end { invalid |= UInt8(truncatingIfNeeded: codes[i]) == 0x80 ? 1 : 0 }
            for i in start..<end { out[i] = Float(codes[i]) * scale }
            guard invalid == 0 else {
                let at = (start..<end).first { codes[$0] == .min } ?? start
                throw .malformed(codec: codec, reason: "u8: code -128 at value \(at) is outside -127...127")
            }
        }
    }
}
