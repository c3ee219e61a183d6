/// An error reading a speaker-turn text corpus or making next-character samples from it.
public struct TextCorpusError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What was wrong.
    public enum Reason: Equatable, Sendable {
        /// The file could not be read.
        case unreadable(String)
        /// The file looked gzipped but its gzip layer is corrupt.
        case gzip(GzipError)
        /// The bytes are not valid UTF-8.
        case invalidUTF8(offset: Int)
        /// A paragraph (text after a blank line) does not start with a `Name:` line.
        case missingSpeaker(found: String)
        /// The corpus holds no turns at all.
        case noTurns
        /// No speaker has enough samples (``ShakespeareOptions/minimumSamples``) to keep.
        case noSpeakers(minimumSamples: Int)
        /// An option is out of range; the text says which and why.
        case invalidOption(String)
    }

    /// What was wrong.
    public var reason: Reason
    /// The file, if the text came from one.
    public var file: String?
    /// The 1-based line at fault, if the error is about one line.
    public var line: Int?

    /// Creates an error.
    public init(_ reason: Reason, file: String? = nil, line: Int? = nil) {
        self.reason = reason
        self.file = file
        self.line = line
    }

    /// A one-line, human-readable account of what went wrong and where, e.g. `input.txt:12: …`.
    public var description: String {
        var place = file ?? "text"
        if let line { place += ":\(line)" }
        return place + ": " + reason.description
    }
}

extension TextCorpusError.Reason: CustomStringConvertible {
    /// A short account of the reason.
    public var description: String {
        switch self {
        case .unreadable(let why): return "cannot read: \(why)"
        case .gzip(let error): return error.description
        case .invalidUTF8(let offset): return "invalid UTF-8 at byte \(offset)"
        case .missingSpeaker(let found): return "a turn must start with a 'Name:' line, found '\(found)'"
        case .noTurns: return "no 'Name:' turns in the text"
        case .noSpeakers(let minimum): return "no speaker has at least \(minimum) samples"
        case .invalidOption(let why): return why
        }
    }
}
