/// The header fields of one gzip member (RFC 1952 §2.3).
public struct GzipHeader: Sendable, Equatable {
    /// FTEXT: the compressor guessed the data is text.
    public var isText: Bool
    /// MTIME: the original modification time in Unix seconds, 0 if none was stored.
    public var modificationTime: UInt32
    /// XFL: compressor hints (2 = best compression, 4 = fastest).
    public var extraFlags: UInt8
    /// OS: the file system the member was made on (3 = Unix, 255 = unknown).
    public var operatingSystem: UInt8
    /// FEXTRA: the extra field's bytes, if present.
    public var extraField: [UInt8]?
    /// FNAME: the original file name (ISO 8859-1), if present.
    public var fileName: String?
    /// FCOMMENT: a comment (ISO 8859-1), if present.
    public var comment: String?
    /// FHCRC: whether the header carried (and passed) a CRC-16 check.
    public var hasHeaderChecksum: Bool

    /// Creates a header; the defaults describe a bare member as written by ``Gzip/storedMember(_:fileName:)``.
    public init(isText: Bool = false, modificationTime: UInt32 = 0, extraFlags: UInt8 = 0, operatingSystem: UInt8 = 255,
                extraField: [UInt8]? = nil, fileName: String? = nil, comment: String? = nil, hasHeaderChecksum: Bool = false) {
        self.isText = isText
        self.modificationTime = modificationTime
        self.extraFlags = extraFlags
        self.operatingSystem = operatingSystem
        self.extraField = extraField
        self.fileName = fileName
        self.comment = comment
        self.hasHeaderChecksum = hasHeaderChecksum
    }
}

/// One decoded member of a gzip file: its header and where its data lies in the concatenated output.
public struct GzipMember: Sendable, Equatable {
    /// The member's header.
    public var header: GzipHeader
    /// The member's bytes within ``GzipContents/data``.
    public var range: Range<Int>
    /// The CRC-32 of the member's data (verified against its trailer).
    public var checksum: UInt32
}

/// A fully decoded gzip file.
public struct GzipContents: Sendable, Equatable {
    /// All members' data, concatenated (what `gunzip` writes).
    public var data: [UInt8]
    /// The members, in file order.
    public var members: [GzipMember]
}
