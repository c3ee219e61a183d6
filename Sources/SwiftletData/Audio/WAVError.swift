/// Why bytes could not be read as a 16-bit PCM mono RIFF/WAVE file: what was wrong, and in which file.
public enum WAVError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file could not be read from disk.
    case unreadable(file: String, reason: String)
    /// The first 12 bytes are not `RIFF <size> WAVE`.
    case notRIFFWave(file: String)
    /// A chunk header or body runs past the end of the file; `offset` is where the chunk starts.
    case truncated(file: String, chunk: String, offset: Int)
    /// A chunk declares a size no WAV clip of a plausible length could have.
    case absurdSize(file: String, chunk: String, size: UInt32)
    /// No `fmt ` chunk precedes the `data` chunk, or the file ends without a `data` chunk.
    case missingChunk(file: String, chunk: String)
    /// The format tag is not 1 (integer PCM); WAVE_FORMAT_EXTENSIBLE is accepted only with the PCM sub-format.
    case unsupportedFormatTag(file: String, tag: UInt16)
    /// More than one channel.
    case notMono(file: String, channels: Int)
    /// Samples are not 16 bits.
    case unsupportedBitDepth(file: String, bits: Int)
    /// The sample rate is not the one the caller requires (the keyword-spotting front end needs 16 kHz).
    case unsupportedSampleRate(file: String, rate: Int, expected: Int)
    /// The `data` chunk holds an odd number of bytes, so its last sample is cut.
    case partialSample(file: String, bytes: Int)

    /// A one-line, human-readable account of what went wrong and where.
    public var description: String {
        switch self {
        case let .unreadable(file, reason): "\(file): cannot read WAV file: \(reason)"
        case .notRIFFWave(let file): "\(file): not a RIFF/WAVE file (no 'RIFF' … 'WAVE' header)"
        case let .truncated(file, chunk, offset): "\(file): '\(chunk)' chunk at byte \(offset) is truncated"
        case let .absurdSize(file, chunk, size): "\(file): '\(chunk)' chunk declares an absurd size of \(size) bytes"
        case let .missingChunk(file, chunk): "\(file): no '\(chunk)' chunk where one is required"
        case let .unsupportedFormatTag(file, tag): "\(file): format tag \(tag) is not PCM (1)"
        case let .notMono(file, channels): "\(file): \(channels) channels; only mono is supported"
        case let .unsupportedBitDepth(file, bits): "\(file): \(bits)-bit samples; only 16-bit PCM is supported"
        case let .unsupportedSampleRate(file, rate, expected):
            "\(file): sample rate \(rate) Hz; expected \(expected) Hz (resampling is not supported)"
        case let .partialSample(file, bytes): "\(file): data chunk of \(bytes) bytes ends in half a 16-bit sample"
        }
    }
}
