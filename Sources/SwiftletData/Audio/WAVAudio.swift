/// A mono clip of 16-bit PCM samples read from a RIFF/WAVE file.
///
/// The reader follows the RIFF chunk structure (Microsoft/IBM "Multimedia Programming Interface and Data
/// Specifications 1.0", 1991): a `RIFF` header naming form type `WAVE`, then chunks of a four-character id, a
/// little-endian 32-bit size and a body padded to an even length. It needs `fmt ` before `data` and skips
/// every other chunk (`LIST`, `fact`, `cue `, …), honouring the pad byte after odd-sized chunks.
public struct WAVAudio: Sendable, Equatable {
    /// Samples per second.
    public let sampleRate: Int
    /// The samples, in file order.
    public let samples: [Int16]

    /// A clip from its parts.
    public init(sampleRate: Int, samples: [Int16]) {
        self.sampleRate = sampleRate
        self.samples = samples
    }

    /// The largest chunk size accepted: 64 MiB, over half an hour of 16 kHz audio — far beyond any keyword
    /// clip, yet small enough that a corrupt size field cannot make the reader allocate gigabytes.
    public static let maximumChunkSize: UInt32 = 64 << 20

    /// Parses the bytes of a WAV file; `file` names it in errors.
    ///
    /// - Parameter sampleRate: when given, any other rate is rejected with ``WAVError/unsupportedSampleRate(file:rate:expected:)``.
    /// - Throws: ``WAVError`` naming the file and the offending chunk.
    public init(bytes: [UInt8], file: String = "<memory>", sampleRate expectedRate: Int? = nil) throws(WAVError) {
        func u32(_ at: Int) -> UInt32 {
            UInt32(bytes[at]) | UInt32(bytes[at + 1]) << 8 | UInt32(bytes[at + 2]) << 16 | UInt32(bytes[at + 3]) << 24
        }
        func u16(_ at: Int) -> UInt16 { UInt16(bytes[at]) | UInt16(bytes[at + 1]) << 8 }
        func id(_ at: Int) -> String { String(decoding: bytes[at..<(at + 4)], as: UTF8.self) }

        guard bytes.count >= 12, id(0) == "RIFF", id(8) == "WAVE" else { throw .notRIFFWave(file: file) }
        var offset = 12
        var format: (rate: Int, channels: Int, bits: Int)?
        while true {
            guard offset + 8 <= bytes.count else {
                if offset == bytes.count { throw .missingChunk(file: file, chunk: "data") }
                throw .truncated(file: file, chunk: "chunk header", offset: offset)
            }
            let chunk = id(offset), size = u32(offset + 4)
            guard size <= Self.maximumChunkSize else { throw .absurdSize(file: file, chunk: chunk, size: size) }
            let body = offset + 8, end = body + Int(size)
            guard end <= bytes.count else { throw .truncated(file: file, chunk: chunk, offset: offset) }
            switch chunk {
            case "fmt ":
                guard size >= 16 else { throw .truncated(file: file, chunk: chunk, offset: offset) }
                var tag = u16(body)
                // WAVE_FORMAT_EXTENSIBLE carries the real tag in the first two bytes of its sub-format GUID.
                if tag == 0xFFFE, size >= 26 { tag = u16(body + 24) == 1 ? 1 : 0xFFFE }
                guard tag == 1 else { throw .unsupportedFormatTag(file: file, tag: tag) }
                format = (Int(u32(body + 4)), Int(u16(body + 2)), Int(u16(body + 14)))
            case "data":
                guard let format else { throw .missingChunk(file: file, chunk: "fmt ") }
                guard format.channels == 1 else { throw .notMono(file: file, channels: format.channels) }
                guard format.bits == 16 else { throw .unsupportedBitDepth(file: file, bits: format.bits) }
                if let expectedRate, format.rate != expectedRate {
                    throw .unsupportedSampleRate(file: file, rate: format.rate, expected: expectedRate)
                }
                guard size % 2 == 0 else { throw .partialSample(file: file, bytes: Int(size)) }
                var samples = [Int16](repeating: 0, count: Int(size) / 2)
                for index in samples.indices { samples[index] = Int16(bitPattern: u16(body + 2 * index)) }
                self.init(sampleRate: format.rate, samples: samples)
                return
            default:
                break
            }
            // Chunks are padded to an even length; a missing pad byte at the very end is tolerated.
            offset = Swift.min(end + Int(size & 1), bytes.count)
        }
    }

    /// Reads and parses the WAV file at `path`.
    ///
    /// - Throws: ``WAVError`` naming `path`.
    public init(contentsOf path: String, sampleRate expectedRate: Int? = nil) throws(WAVError) {
        let bytes: [UInt8]
        do { bytes = try FileBytes.read(path, limit: Int(Self.maximumChunkSize) + 4096) } catch {
            throw .unreadable(file: path, reason: error.description)
        }
        try self.init(bytes: bytes, file: path, sampleRate: expectedRate)
    }
}
