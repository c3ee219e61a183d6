import Foundation

/// A play-script text split into speakers' turns: a line `Name:` starts a turn, the lines after it up to the
/// next blank line are what the speaker says.
///
/// This is the layout of tiny Shakespeare (Karpathy's char-rnn corpus) and of most plain-text scripts. A turn
/// starts after one or more blank lines (or at the top of the file) with a line that ends in `:`, has no other
/// colon and a non-empty name; text lines inside a turn may end in colons freely. A turn may have no text
/// (tiny Shakespeare has 125 such). Speakers are identified by the exact name; tiny Shakespeare does not say
/// which play a line comes from, so a role name used in several plays (`First Citizen`, `Servant`) is one
/// speaker.
public struct SpeakerCorpus: Sendable, Equatable {
    /// One speaker's turn.
    public struct Turn: Sendable, Equatable {
        /// The speaker's name, without the colon.
        public let speaker: String
        /// The spoken lines, without line ends.
        public let lines: [String]
        /// The 1-based line number of the `Name:` line.
        public let line: Int

        /// Creates a turn.
        public init(speaker: String, lines: [String], line: Int) {
            self.speaker = speaker
            self.lines = lines
            self.line = line
        }
    }

    /// The turns in file order.
    public let turns: [Turn]
    /// The speakers in order of their first turn.
    public let speakers: [String]

    /// Parses `text`; `file` is the name errors carry.
    ///
    /// - Throws: ``TextCorpusError`` with the line of a paragraph that does not start with `Name:`, or
    ///   ``TextCorpusError/Reason/noTurns`` for a text without turns.
    public init(text: String, file: String? = nil) throws(TextCorpusError) {
        var turns: [Turn] = []
        var speakers: [String] = []
        var known = Set<String>()
        var current: (speaker: String, lines: [String], line: Int)?
        var afterBlank = true
        var number = 0
        // Swift reads "\r\n" as one Character, so both line ends are separators.
        for line in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            number += 1
            if line.allSatisfy({ $0 == " " || $0 == "\t" }) {
                if let turn = current { turns.append(Turn(speaker: turn.speaker, lines: turn.lines, line: turn.line)) }
                current = nil
                afterBlank = true
                continue
            }
            if afterBlank {
                guard line.count > 1, line.hasSuffix(":"), line.dropLast().firstIndex(of: ":") == nil else {
                    throw TextCorpusError(.missingSpeaker(found: String(line.prefix(60))), file: file, line: number)
                }
                let name = String(line.dropLast())
                if known.insert(name).inserted { speakers.append(name) }
                current = (name, [], number)
                afterBlank = false
            } else {
                current?.lines.append(String(line))
            }
        }
        if let turn = current { turns.append(Turn(speaker: turn.speaker, lines: turn.lines, line: turn.line)) }
        guard !turns.isEmpty else { throw TextCorpusError(.noTurns, file: file) }
        self.turns = turns
        self.speakers = speakers
    }

    /// Reads a UTF-8 corpus file, raw or gzipped.
    public init(contentsOfFile path: String) throws(TextCorpusError) {
        var bytes: [UInt8]
        do throws(FileBytes.Failure) {
            bytes = try FileBytes.read(path, limit: FileBytes.compressedLimit(forOutput: 1 << 31))
        } catch {
            throw TextCorpusError(.unreadable(error.description), file: path)
        }
        if Gzip.isGzip(bytes) {
            do throws(GzipError) {
                bytes = try Gzip.decompress(bytes)
            } catch {
                throw TextCorpusError(.gzip(error), file: path)
            }
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            var iterator = bytes.makeIterator()
            var decoder = UTF8()
            var offset = 0
            loop: while true {
                switch decoder.decode(&iterator) {
                case .scalarValue(let scalar): offset += String(scalar).utf8.count
                case .emptyInput, .error: break loop
                }
            }
            throw TextCorpusError(.invalidUTF8(offset: offset), file: path)
        }
        try self.init(text: text, file: path)
    }

    /// Every turn of `speaker`, in file order.
    public func turns(of speaker: String) -> [Turn] {
        turns.filter { $0.speaker == speaker }
    }
}
