import Foundation

/// Reads gzip files (RFC 1952): one or more members, each a header, a DEFLATE stream and a checked trailer.
///
/// Every member's CRC-32 and ISIZE are verified; optional header fields (FEXTRA, FNAME, FCOMMENT, FHCRC)
/// are parsed and the header CRC-16 checked. Concatenated members decode to the concatenation of their
/// data, as `gunzip` does; any other bytes after the last member are an error.
public enum Gzip {
    /// The default cap on decompressed size (2 GiB): larger outputs fail instead of exhausting memory.
    public static let defaultMaxOutputBytes = 1 << 31

    /// Whether `bytes` starts with the gzip magic number `1f 8b`.
    public static func isGzip(_ bytes: some Collection<UInt8>) -> Bool {
        var iterator = bytes.makeIterator()
        return iterator.next() == 0x1F && iterator.next() == 0x8B
    }

    /// Decompresses a gzip file held in memory, returning the concatenated data of all members.
    public static func decompress(_ bytes: [UInt8], maxOutputBytes: Int = defaultMaxOutputBytes) throws(GzipError) -> [UInt8] {
        try decode(bytes, maxOutputBytes: maxOutputBytes).data
    }

    /// Decompresses the gzip file at `path`; errors name the file.
    public static func decompress(contentsOfFile path: String, maxOutputBytes: Int = defaultMaxOutputBytes) throws(GzipError) -> [UInt8] {
        let bytes: [UInt8]
        do throws(FileBytes.Failure) {
            bytes = try FileBytes.read(path, limit: FileBytes.compressedLimit(forOutput: maxOutputBytes))
        } catch {
            throw GzipError(.unreadable(error.description), file: path)
        }
        do throws(GzipError) {
            return try decompress(bytes, maxOutputBytes: maxOutputBytes)
        } catch {
            var named = error
            named.file = path
            throw named
        }
    }

    /// Decodes every member of a gzip file held in memory, keeping their headers.
    public static func decode(_ bytes: [UInt8], maxOutputBytes: Int = defaultMaxOutputBytes) throws(GzipError) -> GzipContents {
        guard isGzip(bytes) else { throw GzipError(.notGzip(firstBytes: Array(bytes.prefix(2)))) }
        // The last member's ISIZE is a good guess at the output size; cap it so a forged one cannot force a
        // huge allocation up front.
        var expected = bytes.count * 4
        if bytes.count >= 18 {
            let end = bytes.count
            let isize = Int(bytes[end - 4]) | Int(bytes[end - 3]) << 8 | Int(bytes[end - 2]) << 16 | Int(bytes[end - 1]) << 24
            expected = max(expected, min(isize, bytes.count * 1032))
        }
        let output = OutputBuffer(expected: expected, limit: maxOutputBytes)
        var members: [GzipMember] = []
        try bytes.withUnsafeBufferPointer { (input) throws(GzipError) in
            var position = 0
            repeat {
                let index = members.count
                do throws(GzipError) {
                    members.append(try decodeMember(input, at: &position, into: output))
                } catch {
                    var located = error
                    located.member = index
                    throw located
                }
                if position < input.count && !isGzip(input[position...]) {
                    throw GzipError(.trailingGarbage(offset: position, count: input.count - position))
                }
            } while position < input.count
        }
        return GzipContents(data: output.toArray(), members: members)
    }

    /// Wraps `data` in a single gzip member of stored (uncompressed) DEFLATE blocks.
    ///
    /// Any gzip reader accepts the result; it is how Swiftlet exports gzipped files without a compressor.
    public static func storedMember(_ data: [UInt8], fileName: String? = nil) -> [UInt8] {
        var bytes: [UInt8] = [0x1F, 0x8B, 8, fileName == nil ? 0 : 0x08, 0, 0, 0, 0, 0, 255]
        if let fileName {
            bytes += fileName.unicodeScalars.map { $0.value < 256 && $0.value != 0 ? UInt8($0.value) : UInt8(ascii: "_") }
            bytes.append(0)
        }
        var start = 0
        repeat {
            let count = min(65_535, data.count - start)
            let isFinal = start + count == data.count
            bytes += [isFinal ? 1 : 0, UInt8(count & 0xFF), UInt8(count >> 8), UInt8(~count & 0xFF), UInt8((~count >> 8) & 0xFF)]
            bytes += data[start..<(start + count)]
            start += count
        } while start < data.count
        let crc = CRC32.checksum(data)
        let size = UInt32(truncatingIfNeeded: data.count)
        for shift in stride(from: 0, to: 32, by: 8) { bytes.append(UInt8(truncatingIfNeeded: crc >> UInt32(shift))) }
        for shift in stride(from: 0, to: 32, by: 8) { bytes.append(UInt8(truncatingIfNeeded: size >> UInt32(shift))) }
        return bytes
    }
}
