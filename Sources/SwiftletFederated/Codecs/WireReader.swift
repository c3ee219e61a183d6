/// Reads the compressed wire format's header fields, throwing a ``CodecError`` naming the section and byte
/// offset instead of ever reading out of bounds.
struct WireReader {
    /// The codec name errors carry.
    let codec: String
    let bytes: UnsafeRawBufferPointer
    /// The next byte to read.
    var offset = 0

    init(codec: String, bytes: UnsafeRawBufferPointer) {
        self.codec = codec
        self.bytes = bytes
    }

    /// Bytes not read yet.
    var remaining: Int { bytes.count - offset }

    mutating func byte(_ section: String) throws(CodecError) -> UInt8 {
        guard offset < bytes.count else { throw .truncated(codec: codec, section: section, offset: offset) }
        defer { offset += 1 }
        return bytes[offset]
    }

    /// An unsigned LEB128 varint no larger than `limit`.
    mutating func varint(_ section: String, limit: Int) throws(CodecError) -> Int {
        let start = offset
        var value: UInt64 = 0
        for shift in stride(from: 0, to: 64, by: 7) {
            let b = try byte(section)
            let group = UInt64(b & 0x7F)
            guard shift < 63 || group <= 1 else { break }
            value |= group << UInt64(shift)
            if b & 0x80 == 0 {
                guard value <= UInt64(limit) else {
                    throw .invalidParameter(codec: codec, stage: section, reason: "\(value) is above the limit \(limit)")
                }
                // A canonical varint has no redundant zero groups at its end.
                guard b != 0 || offset - start == 1 else {
                    throw .malformed(codec: codec, reason: "\(section): non-canonical varint at byte \(start)")
                }
                return Int(value)
            }
        }
        throw .malformed(codec: codec, reason: "\(section): varint at byte \(start) overflows 64 bits")
    }

    mutating func uint32(_ section: String) throws(CodecError) -> UInt32 {
        guard remaining >= 4 else { throw .truncated(codec: codec, section: section, offset: offset) }
        defer { offset += 4 }
        return UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
    }

    mutating func uint64(_ section: String) throws(CodecError) -> UInt64 {
        guard remaining >= 8 else { throw .truncated(codec: codec, section: section, offset: offset) }
        defer { offset += 8 }
        return UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
    }
}
