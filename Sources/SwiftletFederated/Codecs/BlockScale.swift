/// Helpers shared by the quantizers that send one float32 scale per block.
enum BlockScale {
    /// Blocks of `size` covering `count` values.
    static func blocks(count: Int, size: Int) -> Int { (count + size - 1) / size }

    /// The largest magnitude in `values[range]`, found on the IEEE bits so that a NaN wins (and so is sent,
    /// for the receiver to reject) rather than being skipped by a float comparison.
    @inline(__always)
    static func maxMagnitude(_ values: UnsafeBufferPointer<Float>, _ range: Range<Int>) -> Float {
        var best: UInt32 = 0
        for i in range { best = max(best, values[i].bitPattern & 0x7FFF_FFFF) }
        return Float(bitPattern: best)
    }

    /// Reads the scale of block `block` at byte `offset` and checks it is finite and not negative.
    @inline(__always)
    static func read(_ payload: UnsafeRawBufferPointer, offset: Int, block: Int, codec: String) throws(CodecError) -> Float {
        let bits = UInt32(littleEndian: payload.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
        // Finite and sign bit clear: below the exponent-all-ones pattern of +infinity.
        guard bits < 0x7F80_0000 else { throw .invalidScale(codec: codec, block: block, bits: bits) }
        return Float(bitPattern: bits)
    }

    @inline(__always)
    static func write(_ scale: Float, to out: UnsafeMutableRawBufferPointer, offset: Int) {
        out.storeBytes(of: scale.bitPattern.littleEndian, toByteOffset: offset, as: UInt32.self)
    }
}
