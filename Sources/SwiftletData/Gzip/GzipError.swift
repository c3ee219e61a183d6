/// An error decoding a gzip file or a raw DEFLATE stream: what was wrong, and where.
///
/// `file` is set when the bytes were read from a path, `member` when the fault lies inside a gzip member
/// (members are counted from 0; most files have one).
public struct GzipError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What was wrong.
    public enum Reason: Equatable, Sendable {
        /// The file could not be read (missing, unreadable, or larger than the limit).
        case unreadable(String)
        /// The data does not start with the gzip magic bytes `1f 8b`; carries the first bytes found.
        case notGzip(firstBytes: [UInt8])
        /// The compression method is not 8 (DEFLATE).
        case unsupportedMethod(UInt8)
        /// The header sets flag bits that RFC 1952 reserves.
        case reservedFlags(UInt8)
        /// The data ends inside a member header.
        case truncatedHeader
        /// The header's CRC-16 (FHCRC) does not match the header bytes.
        case headerChecksumMismatch(stored: UInt16, computed: UInt16)
        /// The DEFLATE stream ends before its final block does.
        case truncatedData
        /// The data ends inside the 8-byte CRC-32/ISIZE trailer.
        case truncatedTrailer
        /// The CRC-32 of the decompressed data differs from the trailer's.
        case checksumMismatch(stored: UInt32, computed: UInt32)
        /// The decompressed length (mod 2³²) differs from the trailer's ISIZE.
        case lengthMismatch(stored: UInt32, computed: UInt32)
        /// Bytes after the last member that are not another gzip member.
        case trailingGarbage(offset: Int, count: Int)
        /// A DEFLATE block header has the reserved block type 3.
        case invalidBlockType(offset: Int)
        /// A stored block's LEN is not the complement of its NLEN.
        case storedLengthMismatch(offset: Int, length: UInt16, complement: UInt16)
        /// A dynamic block's Huffman code lengths do not describe a usable code.
        case invalidCodeLengths(offset: Int, detail: String)
        /// The stream uses a code or symbol the block's Huffman code does not define.
        case invalidSymbol(offset: Int)
        /// A back-reference reaches before the start of the data.
        case distanceTooFarBack(offset: Int, distance: Int, available: Int)
        /// Decompressing would produce more than the permitted number of bytes.
        case outputTooLarge(limit: Int)
    }

    /// What was wrong.
    public var reason: Reason
    /// The file the bytes came from, if they were read from a path.
    public var file: String?
    /// The gzip member (from 0) in which the fault lies, if any.
    public var member: Int?

    /// Creates an error.
    public init(_ reason: Reason, file: String? = nil, member: Int? = nil) {
        self.reason = reason
        self.file = file
        self.member = member
    }

    /// A one-line, human-readable account of what went wrong and where.
    public var description: String {
        var place = file.map { "\($0): " } ?? ""
        if let member { place += "gzip member \(member): " }
        return place + reason.description
    }
}

extension GzipError.Reason: CustomStringConvertible {
    /// A one-line, human-readable account of what went wrong and where.
    public var description: String {
        switch self {
        case .unreadable(let why): return "cannot read: \(why)"
        case .notGzip(let first):
            return "not gzip data (starts with \(first.map { String($0, radix: 16) }), expected [1f, 8b])"
        case .unsupportedMethod(let method): return "compression method \(method) is not DEFLATE (8)"
        case .reservedFlags(let flags): return "header flags 0x\(String(flags, radix: 16)) set reserved bits"
        case .truncatedHeader: return "data ends inside the member header"
        case .headerChecksumMismatch(let stored, let computed):
            return "header CRC-16 is \(stored) but the header hashes to \(computed)"
        case .truncatedData: return "compressed data ends before the final block"
        case .truncatedTrailer: return "data ends inside the CRC-32/length trailer"
        case .checksumMismatch(let stored, let computed):
            return "CRC-32 mismatch: trailer says \(hex(stored)), data hashes to \(hex(computed))"
        case .lengthMismatch(let stored, let computed):
            return "length mismatch: trailer says \(stored) bytes (mod 2^32), decompressed \(computed)"
        case .trailingGarbage(let offset, let count):
            return "\(count) bytes of trailing garbage at byte \(offset)"
        case .invalidBlockType(let offset): return "invalid DEFLATE block type 3 at byte \(offset)"
        case .storedLengthMismatch(let offset, let length, let complement):
            return "stored block at byte \(offset): LEN \(length) is not the complement of NLEN \(complement)"
        case .invalidCodeLengths(let offset, let detail): return "bad Huffman code lengths at byte \(offset): \(detail)"
        case .invalidSymbol(let offset): return "invalid Huffman code or symbol at byte \(offset)"
        case .distanceTooFarBack(let offset, let distance, let available):
            return "back-reference at byte \(offset) reaches \(distance) bytes back but only \(available) exist"
        case .outputTooLarge(let limit): return "decompressed data exceeds the limit of \(limit) bytes"
        }
    }

    private func hex(_ value: UInt32) -> String { "0x" + String(value, radix: 16) }
}
