import SwiftletTensor

/// LEAF's next-character task over a speaker corpus, built per speaker on demand: the corpus is kept as one
/// byte per character, and a speaker's 80-float windows are made only when its data is asked for (the full
/// tiny Shakespeare is 1.03 million samples, 329 MB as `Float` windows).
///
/// Samples follow LEAF's `shake_utils.py`: each spoken line, with runs of two or more spaces collapsed to one
/// and its newline kept, is read on its own, left-padded with `sequenceLength` spaces; every character of the
/// line and its newline is a target, its input the `sequenceLength` characters before it. So a line of n
/// characters gives n + 1 samples and no window crosses a line. Inputs are token indices stored as `Float`
/// (the ``Embedding`` layer's input), sample shape `[sequenceLength]`; labels are the next token, with as many
/// classes as the vocabulary has symbols — `[80]` and 80 classes, the `charlstm` preset's input and output.
public struct NextCharacterCorpus: Sendable {
    /// The options the task was built with.
    public let options: ShakespeareOptions
    /// The kept speakers, in order of first appearance.
    public let speakers: [String]
    /// Per kept speaker, the token of each target, lines separated by their newline tokens.
    private let tokens: [[UInt8]]
    /// Per kept speaker, where each line starts in `tokens` (a window never reaches before its line's start).
    private let lineStarts: [[Int]]

    /// Builds the task from a parsed corpus.
    ///
    /// - Throws: ``TextCorpusError`` for an out-of-range option, or when no speaker has `minimumSamples`.
    public init(corpus: SpeakerCorpus, options: ShakespeareOptions = ShakespeareOptions()) throws(TextCorpusError) {
        try options.validate()
        guard options.vocabulary.count <= 256 else {
            throw TextCorpusError(.invalidOption("vocabulary of \(options.vocabulary.count) symbols exceeds 256"))
        }
        // Streams are appended in place (by speaker slot, not through a dictionary value) to avoid copying them.
        var slot: [String: Int] = [:]
        var streamTokens: [[UInt8]] = []
        var streamStarts: [[Int]] = []
        let newline = UInt8(options.vocabulary.index(of: "\n"))
        for turn in corpus.turns {
            let index: Int
            if let known = slot[turn.speaker] {
                index = known
            } else {
                index = streamTokens.count
                slot[turn.speaker] = index
                streamTokens.append([])
                streamStarts.append([])
            }
            for line in turn.lines {
                streamStarts[index].append(streamTokens[index].count)
                var previousWasSpace = false
                for character in line {
                    let isSpace = character == " "
                    if isSpace && previousWasSpace { continue }  // LEAF: re.sub("   *", " ", line)
                    previousWasSpace = isSpace
                    streamTokens[index].append(UInt8(options.vocabulary.index(of: character)))
                }
                streamTokens[index].append(newline)
            }
        }
        var speakers: [String] = []
        var tokens: [[UInt8]] = []
        var lineStarts: [[Int]] = []
        let required = max(options.minimumSamples, 2)
        for speaker in corpus.speakers {
            guard let index = slot[speaker], streamTokens[index].count >= required else { continue }
            if let limit = options.speakerLimit, speakers.count == limit { break }
            let kept = min(streamTokens[index].count, options.samplesPerSpeakerLimit ?? Int.max)
            speakers.append(speaker)
            tokens.append(Array(streamTokens[index].prefix(kept)))
            lineStarts.append(streamStarts[index].filter { $0 < kept })
        }
        guard !speakers.isEmpty else { throw TextCorpusError(.noSpeakers(minimumSamples: required)) }
        self.options = options
        self.speakers = speakers
        self.tokens = tokens
        self.lineStarts = lineStarts
    }

    /// The number of kept speakers.
    public var count: Int { speakers.count }

    /// The number of samples (training and test) of kept speaker `index`.
    public func sampleCount(_ index: Int) -> Int { tokens[index].count }

    /// The number of training samples of a speaker with `samples` samples, by LEAF's `split_data.py` rule:
    /// ⌊fraction·n⌋ but at least 1, and exactly 1 when n = 2 (so a fraction below 1 leaves a test sample).
    public func trainingCount(samples: Int) -> Int {
        guard samples != 2 else { return 1 }
        return min(max(Int((Double(samples) * options.trainingFraction).rounded(.down)), 1), samples)
    }

    /// Kept speaker `index` as a client: its windows split into training and test as the options say.
    public func client(_ index: Int) -> FederatedDataset.Client {
        let samples = tokens[index].count
        let trainingCount = trainingCount(samples: samples)
        var order = Array(0..<samples)
        if case .random(let seed) = options.split {
            var generator = SeededGenerator(seed: seed).split(stream: UInt64(index))
            generator.shuffle(&order)
            order = order.prefix(trainingCount).sorted() + order.dropFirst(trainingCount).sorted()
        }
        return FederatedDataset.Client(id: speakers[index], training: windows(index, order[..<trainingCount]),
                                       test: windows(index, order[trainingCount...]))
    }

    /// Every kept speaker as a client.
    public func federated() -> FederatedDataset {
        // Speakers are unique and every part has the same shape and classes.
        try! FederatedDataset(clients: (0..<count).map(client))
    }

    /// The windows of speaker `index` whose targets are at `positions`, in that order.
    private func windows(_ index: Int, _ positions: ArraySlice<Int>) -> LabeledDataset {
        let length = options.sequenceLength
        let stream = tokens[index]
        let starts = lineStarts[index]
        let space = Float(options.vocabulary.index(of: " "))
        var features = [Float](repeating: space, count: positions.count * length)
        var labels: [Int32] = []
        labels.reserveCapacity(positions.count)
        var sample = 0
        for target in positions {
            // The start of the target's line: the last line start at or before it.
            var low = 0
            var high = starts.count - 1
            while low < high {
                let middle = (low + high + 1) / 2
                if starts[middle] <= target { low = middle } else { high = middle - 1 }
            }
            let lineStart = starts[low]
            let from = max(lineStart, target - length)
            let offset = sample * length + length - (target - from)
            for position in from..<target { features[offset + position - from] = Float(stream[position]) }
            labels.append(Int32(stream[target]))
            sample += 1
        }
        return try! LabeledDataset(sampleShape: [length], features: features, labels: labels,
                                   classCount: options.vocabulary.count)
    }
}
