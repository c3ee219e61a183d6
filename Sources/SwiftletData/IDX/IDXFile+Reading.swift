extension IDXFile {
    /// Parses an IDX file held in memory, raw or gzipped (detected by the `1f 8b` magic).
    ///
    /// The header is validated before anything is allocated: dimensions whose product overflows or exceeds
    /// `maximumPayloadBytes` are refused, as are data shorter or longer than the dimensions say.
    public init(bytes: [UInt8], maximumPayloadBytes: Int = IDXFile.maximumPayloadBytes) throws(IDXError) {
        if Gzip.isGzip(bytes) {
            let inflated: [UInt8]
            do throws(GzipError) {
                // The largest legal header is 4 + 255 × 4 bytes.
                let (limit, overflow) = maximumPayloadBytes.addingReportingOverflow(1024)
                inflated = try Gzip.decompress(bytes, maxOutputBytes: overflow ? Int.max : limit)
            } catch {
                throw IDXError(.gzip(error))
            }
            try self.init(rawIDX: inflated, maximumPayloadBytes: maximumPayloadBytes)
        } else {
            try self.init(rawIDX: bytes, maximumPayloadBytes: maximumPayloadBytes)
        }
    }

    /// Reads the IDX file at `path`, raw or gzipped; errors name the file.
    public init(contentsOfFile path: String, maximumPayloadBytes: Int = IDXFile.maximumPayloadBytes) throws(IDXError) {
        let bytes: [UInt8]
        do throws(FileBytes.Failure) {
            bytes = try FileBytes.read(path, limit: FileBytes.compressedLimit(forOutput: maximumPayloadBytes))
        } catch {
            throw IDXError(.unreadable(error.description), file: path)
        }
        do throws(IDXError) {
            try self.init(bytes: bytes, maximumPayloadBytes: maximumPayloadBytes)
        } catch {
            var named = error
            named.file = path
            if case .gzip(var inner) = named.reason {
                inner.file = nil  // Named once, on the outer error.
                named.reason = .gzip(inner)
            }
            throw named
        }
    }

    /// Parses uncompressed IDX bytes.
    private init(rawIDX bytes: [UInt8], maximumPayloadBytes: Int) throws(IDXError) {
        guard bytes.count >= 4 else { throw IDXError(.truncatedHeader(needed: 4, available: bytes.count)) }
        guard bytes[0] == 0, bytes[1] == 0 else { throw IDXError(.badMagic(Array(bytes[0..<4]))) }
        guard let dataType = IDXDataType(rawValue: bytes[2]) else { throw IDXError(.unknownTypeCode(bytes[2])) }
        let rank = Int(bytes[3])
        let headerSize = 4 + 4 * rank
        guard bytes.count >= headerSize else {
            throw IDXError(.truncatedHeader(needed: headerSize, available: bytes.count))
        }
        var dimensions: [Int] = []
        dimensions.reserveCapacity(rank)
        for axis in 0..<rank {
            let at = 4 + 4 * axis
            dimensions.append(Int(bytes[at]) << 24 | Int(bytes[at + 1]) << 16 | Int(bytes[at + 2]) << 8 | Int(bytes[at + 3]))
        }
        let payload = try Self.payloadSize(dimensions: dimensions, dataType: dataType, limit: maximumPayloadBytes)
        let available = bytes.count - headerSize
        guard available >= payload else { throw IDXError(.truncatedData(expected: payload, available: available)) }
        guard available == payload else { throw IDXError(.trailingBytes(count: available - payload)) }
        self.dimensions = dimensions
        self.dataType = dataType
        self.rawBytes = Array(bytes[headerSize...])
    }
}
