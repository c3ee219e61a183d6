/// Tiny Shakespeare (Karpathy, char-rnn, 2015) as LEAF's federated next-character task (Caldas et al.,
/// "LEAF", 2018; McMahan et al., AISTATS 2017): one client per speaking role, 80 characters in, the next out.
///
/// The bundled `Data/shakespeare/input.txt` has 7,222 turns by 309 speakers (146 with at least ten turns). Any
/// text in the same `Name:` / lines / blank-line layout loads the same way (see ``SpeakerCorpus``).
public enum Shakespeare {
    /// The bundled file's name in `Data/shakespeare`.
    public static let bundledFile = "input.txt"

    /// Loads a corpus file (raw or gzipped) as one client per speaker.
    ///
    /// - Throws: ``TextCorpusError`` naming the file and line at fault, or a bad option.
    public static func load(contentsOfFile path: String, options: ShakespeareOptions = ShakespeareOptions())
        throws(TextCorpusError) -> FederatedDataset {
        try corpus(contentsOfFile: path, options: options).federated()
    }

    /// Loads the bundled tiny Shakespeare as one client per speaker.
    public static func loadBundled(options: ShakespeareOptions = ShakespeareOptions()) throws(TextCorpusError) -> FederatedDataset {
        try bundledCorpus(options: options).federated()
    }

    /// The next-character task over a corpus file, built per speaker on demand (see ``NextCharacterCorpus``).
    public static func corpus(contentsOfFile path: String, options: ShakespeareOptions = ShakespeareOptions())
        throws(TextCorpusError) -> NextCharacterCorpus {
        do throws(TextCorpusError) {
            return try NextCharacterCorpus(corpus: SpeakerCorpus(contentsOfFile: path), options: options)
        } catch {
            var named = error
            named.file = named.file ?? path
            throw named
        }
    }

    /// The next-character task over the bundled tiny Shakespeare, built per speaker on demand.
    public static func bundledCorpus(options: ShakespeareOptions = ShakespeareOptions()) throws(TextCorpusError) -> NextCharacterCorpus {
        let path: String
        do throws(BundledDataError) {
            path = try BundledData.shakespeareFile()
        } catch {
            throw TextCorpusError(.unreadable(error.description))
        }
        return try corpus(contentsOfFile: path, options: options)
    }
}
