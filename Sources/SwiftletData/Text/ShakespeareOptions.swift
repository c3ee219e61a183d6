/// How to turn a speaker corpus into LEAF's next-character task: window length, which speakers to keep,
/// how to split each speaker's samples into training and test.
public struct ShakespeareOptions: Sendable, Equatable {
    /// How each speaker's samples are divided into training and test.
    public enum Split: Sendable, Equatable {
        /// The first `trainingFraction` of a speaker's samples train, the rest test — the chronological split of
        /// McMahan et al. (AISTATS 2017), under which a test window never overlaps a training one except at the
        /// boundary. The default.
        case byPosition
        /// LEAF's `split_data.py --by_sample`: a seeded random choice of `trainingFraction` of a speaker's samples
        /// train, the rest test, each part in text order. Windows shifted by one character then land on both
        /// sides, so test accuracy is optimistic; offered to reproduce LEAF's numbers. Speaker `k` draws from
        /// `SeededGenerator(seed: seed).split(stream: k)`, `k` counting kept speakers.
        case random(seed: UInt64)
    }

    /// The characters of context per sample (LEAF: 80; the `charlstm` preset's input).
    public var sequenceLength: Int
    /// Speakers with fewer samples are dropped (LEAF's `-k`; LEAF also drops speakers with fewer than 2).
    public var minimumSamples: Int
    /// The share of each speaker's samples used for training (LEAF's `--tf`; McMahan et al. use 0.8).
    /// A speaker keeps ⌊fraction·n⌋ training samples, at least one, and one of two (LEAF's rule); 1 keeps all.
    public var trainingFraction: Double
    /// How each speaker's samples are split.
    public var split: Split
    /// Keep only the first `speakerLimit` speakers (in order of first appearance) that pass `minimumSamples`.
    public var speakerLimit: Int?
    /// Keep only each speaker's first `samplesPerSpeakerLimit` samples, before splitting (for tests and quick runs).
    public var samplesPerSpeakerLimit: Int?
    /// The alphabet; LEAF's 80 symbols by default.
    public var vocabulary: CharacterVocabulary

    /// Creates options; the defaults are LEAF's task with McMahan et al.'s 80/20 chronological split.
    public init(sequenceLength: Int = 80, minimumSamples: Int = 2, trainingFraction: Double = 0.8,
                split: Split = .byPosition, speakerLimit: Int? = nil, samplesPerSpeakerLimit: Int? = nil,
                vocabulary: CharacterVocabulary = .leaf) {
        self.sequenceLength = sequenceLength
        self.minimumSamples = minimumSamples
        self.trainingFraction = trainingFraction
        self.split = split
        self.speakerLimit = speakerLimit
        self.samplesPerSpeakerLimit = samplesPerSpeakerLimit
        self.vocabulary = vocabulary
    }

    /// Checks every option's range.
    func validate() throws(TextCorpusError) {
        guard sequenceLength > 0 else { throw TextCorpusError(.invalidOption("sequence length \(sequenceLength) must be positive")) }
        guard minimumSamples >= 0 else { throw TextCorpusError(.invalidOption("minimum samples \(minimumSamples) must not be negative")) }
        guard trainingFraction > 0 && trainingFraction <= 1 else {
            throw TextCorpusError(.invalidOption("training fraction \(trainingFraction) is outside (0, 1]"))
        }
        if let speakerLimit, speakerLimit < 1 { throw TextCorpusError(.invalidOption("speaker limit \(speakerLimit) must be positive")) }
        if let samplesPerSpeakerLimit, samplesPerSpeakerLimit < 1 {
            throw TextCorpusError(.invalidOption("samples per speaker limit \(samplesPerSpeakerLimit) must be positive"))
        }
    }
}
