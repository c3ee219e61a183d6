/// Reads bit fields least significant bit first, never past the end of its bytes.
struct BitReader {
    let codec: String
    let section: String
    let bytes: UnsafeRawBufferPointer
    /// Bits read so far.
    private(set) var position = 0

    init(codec: String, section: String, bytes: UnsafeRawBufferPointer) {
        self.codec = codec
        self.section = section
        self.bytes = bytes
    }

    /// Whole bytes touched so far (the last one possibly in part).
    var bytesConsumed: Int { (position + 7) >> 3 }

    /// The next `count` bits (`count` ≤ 32).
    mutating func read(bits count: Int) throws(CodecError) -> UInt32 {
        guard count > 0 else { return 0 }
        guard position + count <= bytes.count * 8 else { throw .truncated(codec: codec, section: section, offset: position >> 3) }
        var value: UInt64 = 0
        var got = 0
        var p = position
        while got < count {
            let available = 8 - (p & 7)
            let take = min(available, count - got)
            let bits = (UInt64(bytes[p >> 3]) >> UInt64(p & 7)) & ((1 << UInt64(take)) - 1)
            value |= bits << UInt64(got)
            got += take
            p += take
        }
        position = p
        return UInt32(truncatingIfNeeded: value)
    }

    /// The length of a run of one bits ended by a zero bit; throws once the run passes `limit`.
    mutating func readUnary(limit: Int) throws(CodecError) -> Int {
        var count = 0
        while true {
            guard position < bytes.count * 8 else { throw .truncated(codec: codec, section: section, offset: position >> 3) }
            let byte = bytes[position >> 3] >> UInt8(position & 7)
            let remainingInByte = 8 - (position & 7)
            // Ones at the bottom of the rest of this byte.
            let ones = min((~byte).trailingZeroBitCount, remainingInByte)
            count += ones
            guard count <= limit else {
                throw .malformed(codec: codec, reason: "\(section): unary run at bit \(position) exceeds \(limit)")
            }
            if ones < remainingInByte {
                position += ones + 1
                return count
            }
            position += ones
        }
    }

    /// Checks that the bits after `position` in its last byte are zero (canonical padding).
    func checkPadding() throws(CodecError) {
        guard position & 7 != 0 else { return }
        let rest = bytes[position >> 3] >> UInt8(position & 7)
        guard rest == 0 else {
            throw .malformed(codec: codec, reason: "\(section): padding bits after bit \(position) are not zero")
        }
    }
}
