extension Gzip {
    private static let flagText: UInt8 = 0x01
    private static let flagHeaderCRC: UInt8 = 0x02
    private static let flagExtra: UInt8 = 0x04
    private static let flagName: UInt8 = 0x08
    private static let flagComment: UInt8 = 0x10

    /// Decodes the member starting at `position` into `output` and advances `position` past its trailer.
    static func decodeMember(_ input: UnsafeBufferPointer<UInt8>, at position: inout Int,
                             into output: OutputBuffer) throws(GzipError) -> GzipMember {
        let start = position
        var cursor = position
        func byte() throws(GzipError) -> UInt8 {
            guard cursor < input.count else { throw GzipError(.truncatedHeader) }
            defer { cursor += 1 }
            return input[cursor]
        }
        func zeroTerminated() throws(GzipError) -> String {
            var scalars = String.UnicodeScalarView()
            while true {
                let value = try byte()
                if value == 0 { return String(scalars) }
                scalars.append(Unicode.Scalar(value))  // ISO 8859-1 maps byte-for-byte onto Unicode.
            }
        }

        guard try byte() == 0x1F, try byte() == 0x8B else {
            throw GzipError(.notGzip(firstBytes: Array(input[start..<min(start + 2, input.count)])))
        }
        let method = try byte()
        guard method == 8 else { throw GzipError(.unsupportedMethod(method)) }
        let flags = try byte()
        guard flags & 0xE0 == 0 else { throw GzipError(.reservedFlags(flags)) }
        var header = GzipHeader()
        header.isText = flags & flagText != 0
        for shift in stride(from: UInt32(0), to: 32, by: 8) { header.modificationTime |= UInt32(try byte()) << shift }
        header.extraFlags = try byte()
        header.operatingSystem = try byte()
        if flags & flagExtra != 0 {
            let length = Int(try byte()) | Int(try byte()) << 8
            guard cursor + length <= input.count else { throw GzipError(.truncatedHeader) }
            header.extraField = Array(input[cursor..<(cursor + length)])
            cursor += length
        }
        if flags & flagName != 0 { header.fileName = try zeroTerminated() }
        if flags & flagComment != 0 { header.comment = try zeroTerminated() }
        if flags & flagHeaderCRC != 0 {
            var crc = CRC32()
            crc.update(UnsafeBufferPointer(rebasing: input[start..<cursor]))
            let stored = UInt16(try byte()) | UInt16(try byte()) << 8
            let computed = UInt16(truncatingIfNeeded: crc.value)
            guard stored == computed else { throw GzipError(.headerChecksumMismatch(stored: stored, computed: computed)) }
            header.hasHeaderChecksum = true
        }

        let dataStart = output.count
        var stream = InflateStream(input: input, start: cursor, output: output)
        try stream.run()
        cursor = stream.position
        let range = dataStart..<output.count

        guard cursor + 8 <= input.count else { throw GzipError(.truncatedTrailer) }
        var storedCRC: UInt32 = 0
        var storedSize: UInt32 = 0
        for index in 0..<4 {
            storedCRC |= UInt32(input[cursor + index]) << UInt32(8 * index)
            storedSize |= UInt32(input[cursor + 4 + index]) << UInt32(8 * index)
        }
        position = cursor + 8
        var crc = CRC32()
        crc.update(output.bytes(range))
        guard crc.value == storedCRC else { throw GzipError(.checksumMismatch(stored: storedCRC, computed: crc.value)) }
        let size = UInt32(truncatingIfNeeded: range.count)
        guard size == storedSize else { throw GzipError(.lengthMismatch(stored: storedSize, computed: size)) }
        return GzipMember(header: header, range: range, checksum: crc.value)
    }
}
