/// Why a Speech Commands folder could not be loaded: which file or folder, and what was wrong.
public enum SpeechCommandsError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The root is missing or is not a directory.
    case notADirectory(String)
    /// The folder holds no `<word>/<speaker>_nohash_<n>.wav` clips at all.
    case noClips(root: String)
    /// A clip's name lacks the `<speaker>_nohash_` prefix that identifies its speaker.
    case unexpectedFileName(String)
    /// A clip is not a valid 16 kHz 16-bit mono WAV file.
    case wav(WAVError)
    /// The requested number of synthetic silence clips is negative.
    case invalidSilenceCount(Int)
    /// The bundled data directory could not be found.
    case bundledDataNotFound(BundledDataError)

    /// A one-line, human-readable account of what went wrong and where.
    public var description: String {
        switch self {
        case .notADirectory(let path): "\(path): not a directory of Speech Commands word folders"
        case .noClips(let root): "\(root): no <word>/<speaker>_nohash_<n>.wav clips found"
        case .unexpectedFileName(let file): "\(file): expected a name of the form <speaker>_nohash_<n>.wav"
        case .wav(let error): error.description
        case .invalidSilenceCount(let count): "silence clip count \(count) must not be negative"
        case .bundledDataNotFound(let error): error.description
        }
    }
}
