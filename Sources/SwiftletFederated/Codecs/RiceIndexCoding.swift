/// Codes the sorted positions a sparsifier keeps as Golomb–Rice coded gaps: close to the entropy of a
/// random subset, with no index table.
///
/// Gaps between consecutive kept positions (`g₀ = i₀`, `gⱼ = iⱼ − iⱼ₋₁ − 1`) of a random k-subset of n are
/// nearly geometric, and a Golomb code is optimal for geometric sources (Golomb 1966); its power-of-two
/// special case, the Rice code (Rice 1979), writes `g >> b` in unary and the low `b` bits verbatim. With the
/// best `b` it costs within about 0.03 bits per index of a Golomb code, that is ≈ log₂(n/k) + 1.5 bits per
/// kept entry against 32 for a raw index (docs/BENCHMARKS.md measures it). Gaps cannot be negative, so
/// unsorted or duplicate indices cannot be written at all; decoding checks every index against the element
/// count and that the padding bits are zero.
enum RiceIndexCoding {
    /// The Rice parameter that writes `indices` in the fewest bits, and that many bits.
    static func bestParameter(_ indices: [Int], count: Int) -> (parameter: Int, bits: Int) {
        guard !indices.isEmpty else { return (0, 0) }
        let meanGap = Double(count - indices.count) / Double(indices.count)
        var estimate = 0
        while estimate < 30, Double(1 << (estimate + 1)) <= meanGap { estimate += 1 }
        var best = (parameter: 0, bits: Int.max)
        for b in max(0, estimate - 2)...min(31, estimate + 2) {
            var bits = indices.count * (b + 1)
            var previous = -1
            for i in indices {
                bits += (i - previous - 1) >> b
                previous = i
            }
            if bits < best.bits { best = (b, bits) }
        }
        return best
    }

    /// Appends the Rice code of `indices` (strictly increasing, each below the element count) with parameter `b`.
    static func encode(_ indices: [Int], parameter b: Int, bits: Int) -> [UInt8] {
        var writer = BitWriter(capacity: (bits + 7) / 8)
        var previous = -1
        let mask = (1 << b) - 1
        for i in indices {
            let gap = i - previous - 1
            writer.writeUnary(gap >> b)
            writer.write(UInt32(truncatingIfNeeded: gap & mask), bits: b)
            previous = i
        }
        return writer.finish()
    }

    /// Reads `kept` indices below `count` coded with parameter `b`; returns them and the bytes read.
    ///
    /// - Throws: ``CodecError/indexOutOfRange(codec:position:index:count:)`` for an index at or past `count`,
    ///   ``CodecError/truncated(codec:section:offset:)`` when the bits run out, and
    ///   ``CodecError/malformed(codec:reason:)`` for non-zero padding.
    static func decode(_ bytes: UnsafeRawBufferPointer, kept: Int, count: Int, parameter b: Int, codec: String)
        throws(CodecError) -> (indices: [Int], bytes: Int) {
        var reader = BitReader(codec: codec, section: "index bitstream", bytes: bytes)
        var indices: [Int] = []
        indices.reserveCapacity(kept)
        var previous = -1
        let unaryLimit = count >> b
        for position in 0..<kept {
            let high = try reader.readUnary(limit: unaryLimit)
            let low = Int(try reader.read(bits: b))
            let index = previous + 1 + (high << b | low)
            guard index < count else {
                throw .indexOutOfRange(codec: codec, position: position, index: index, count: count)
            }
            indices.append(index)
            previous = index
        }
        try reader.checkPadding()
        return (indices, reader.bytesConsumed)
    }
}
