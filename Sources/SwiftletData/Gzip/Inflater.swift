/// A decoder for raw DEFLATE streams (RFC 1951): stored, fixed-Huffman and dynamic-Huffman blocks.
///
/// Written for bulk data such as the MNIST IDX files: Huffman codes are decoded through two-level lookup
/// tables (``HuffmanTable``), the bit buffer is refilled eight bytes at a time, and back-references are
/// copied eight bytes at a time. Malformed input raises ``GzipError`` and never reads or writes out of
/// bounds; output is capped at `maxOutputBytes`.
public enum Inflater {
    /// Decompresses one raw DEFLATE stream that fills `bytes` exactly.
    ///
    /// - Throws: ``GzipError`` if the stream is corrupt or truncated, if bytes follow its final block
    ///   (``GzipError/Reason/trailingGarbage(offset:count:)``), or if it expands beyond `maxOutputBytes`.
    public static func inflate(_ bytes: [UInt8], maxOutputBytes: Int = Gzip.defaultMaxOutputBytes) throws(GzipError) -> [UInt8] {
        let output = OutputBuffer(expected: bytes.count * 4, limit: maxOutputBytes)
        let consumed = try bytes.withUnsafeBufferPointer { (input) throws(GzipError) -> Int in
            var stream = InflateStream(input: input, start: 0, output: output)
            try stream.run()
            return stream.position
        }
        guard consumed == bytes.count else {
            throw GzipError(.trailingGarbage(offset: consumed, count: bytes.count - consumed))
        }
        return output.toArray()
    }
}

/// The state of one DEFLATE stream being decoded into an ``OutputBuffer``.
///
/// The bit buffer holds up to 64 stream bits, least significant first. Refills may load bytes past
/// `bitCount` (they are the genuine next bytes, so loading them again is harmless), and ``run()`` hands
/// back whole unread bytes when the final block ends, leaving `position` just past the stream.
struct InflateStream {
    let input: UnsafeBufferPointer<UInt8>
    /// The next input byte to load into the bit buffer.
    var position: Int
    var bitBuffer: UInt64 = 0
    var bitCount = 0
    let output: OutputBuffer
    /// Where this stream's output starts; back-references may not reach before it.
    let windowStart: Int

    static let literalLengthBits = 10
    static let distanceBits = 8

    init(input: UnsafeBufferPointer<UInt8>, start: Int, output: OutputBuffer) {
        self.input = input
        self.position = start
        self.output = output
        self.windowStart = output.count
    }

    /// The input offset of the byte holding the next unconsumed bit, for error messages.
    var offset: Int { (position * 8 - bitCount) / 8 }

    /// Decodes blocks until the final one, then realigns `position` to the first byte after the stream.
    mutating func run() throws(GzipError) {
        let literalLength = HuffmanTable(primaryBits: Self.literalLengthBits, maxSymbols: 288)
        let distance = HuffmanTable(primaryBits: Self.distanceBits, maxSymbols: 32)
        var isFinal = false
        while !isFinal {
            let header = try readBits(3)
            isFinal = header & 1 == 1
            switch header >> 1 {
            case 0:
                try copyStoredBlock()
            case 1:
                buildFixedTables(literalLength: literalLength, distance: distance)
                try decodeCompressedBlock(literalLength: literalLength, distance: distance)
            case 2:
                try readDynamicTables(literalLength: literalLength, distance: distance)
                try decodeCompressedBlock(literalLength: literalLength, distance: distance)
            default:
                throw GzipError(.invalidBlockType(offset: offset))
            }
            try output.checkLimit()
        }
        alignToByte()
        position -= bitCount / 8
        bitBuffer = 0
        bitCount = 0
    }

    /// Tops the bit buffer up to at least 56 bits, or as many as the input has left.
    @inline(__always)
    mutating func refill() {
        if position + 8 <= input.count {
            let word = UnsafeRawPointer(input.baseAddress! + position).loadUnaligned(as: UInt64.self).littleEndian
            bitBuffer |= word &<< UInt64(bitCount)
            let loaded = (63 - bitCount) >> 3
            position += loaded
            bitCount += loaded << 3
        } else {
            while bitCount <= 56 && position < input.count {
                bitBuffer |= UInt64(input[position]) &<< UInt64(bitCount)
                position += 1
                bitCount += 8
            }
        }
    }

    /// Reads `count` (≤ 32) bits as an unsigned number, first bit least significant.
    mutating func readBits(_ count: Int) throws(GzipError) -> Int {
        if bitCount < count { refill() }
        guard bitCount >= count else { throw GzipError(.truncatedData) }
        let value = Int(truncatingIfNeeded: bitBuffer & ((1 << UInt64(count)) - 1))
        bitBuffer >>= UInt64(count)
        bitCount -= count
        return value
    }

    /// Decodes one symbol with `table`; the slow path used for block headers.
    mutating func readSymbol(_ table: HuffmanTable) throws(GzipError) -> UInt32 {
        if bitCount < 15 { refill() }
        var entry = table.entries[Int(bitBuffer & ((1 << UInt64(table.primaryBits)) - 1))]
        if (entry >> 5) & 7 == UInt32(HuffmanTable.Kind.link.rawValue) {
            let subIndex = Int((bitBuffer >> UInt64(table.primaryBits)) & ((1 << UInt64(entry & 31)) - 1))
            entry = table.entries[Int(entry >> 16) + subIndex]
        }
        let length = Int(entry & 31)
        guard (entry >> 5) & 7 != UInt32(HuffmanTable.Kind.invalid.rawValue) else { throw invalidCode(entry) }
        guard length <= bitCount else { throw GzipError(.truncatedData) }
        bitBuffer >>= UInt64(length)
        bitCount -= length
        return entry
    }

    /// The error for an entry of kind ``HuffmanTable/Kind/invalid``: a symbol the format forbids if its
    /// code was complete, a truncated stream if the input ran out before the code could be read.
    func invalidCode(_ entry: UInt32) -> GzipError {
        let codeBits = Int(entry & 31)  // 0 for slots no code reaches (incomplete codes): up to 15 bits decide.
        let needed = codeBits > 0 ? codeBits : 15
        if needed > bitCount && position >= input.count { return GzipError(.truncatedData) }
        return GzipError(.invalidSymbol(offset: offset))
    }

    /// Drops the bits up to the next byte boundary.
    mutating func alignToByte() {
        let drop = bitCount & 7
        bitBuffer >>= UInt64(drop)
        bitCount -= drop
    }

    /// Copies a stored (uncompressed) block: LEN, its complement NLEN, then LEN raw bytes.
    mutating func copyStoredBlock() throws(GzipError) {
        alignToByte()
        position -= bitCount / 8
        bitBuffer = 0
        bitCount = 0
        let start = position
        guard position + 4 <= input.count else { throw GzipError(.truncatedData) }
        let length = UInt16(input[position]) | UInt16(input[position + 1]) << 8
        let complement = UInt16(input[position + 2]) | UInt16(input[position + 3]) << 8
        guard length == ~complement else {
            throw GzipError(.storedLengthMismatch(offset: start, length: length, complement: complement))
        }
        position += 4
        let count = Int(length)
        guard position + count <= input.count else { throw GzipError(.truncatedData) }
        try output.reserve(count)
        (output.base + output.count).update(from: input.baseAddress! + position, count: count)
        output.count += count
        position += count
    }

    /// Loads the fixed Huffman codes of RFC 1951 §3.2.6.
    func buildFixedTables(literalLength: HuffmanTable, distance: HuffmanTable) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 288) { lengths in
            lengths[0..<144].initialize(repeating: 8)
            lengths[144..<256].initialize(repeating: 9)
            lengths[256..<280].initialize(repeating: 7)
            lengths[280..<288].initialize(repeating: 8)
            _ = literalLength.build(lengths: lengths.baseAddress!, count: 288, alphabet: .literalLength)
            lengths[0..<32].update(repeating: 5)
            _ = distance.build(lengths: lengths.baseAddress!, count: 32, alphabet: .distance)
        }
    }
}
