import Foundation
import Testing
@testable import SwiftletData

/// LEAF's next-character samples, speaker filtering and the training/test splits.
@Suite struct NextCharacterCorpusTests {
    // LEAF indices: newline 0, space 1, a 53, b 54, c 55, d 56.
    func task(_ text: String, _ options: ShakespeareOptions) throws -> NextCharacterCorpus {
        try NextCharacterCorpus(corpus: SpeakerCorpus(text: text), options: options)
    }

    @Test func windowsArePaddedWithSpacesAndRunsOfSpacesCollapse() throws {
        let corpus = try task("A:\nab  c\n", ShakespeareOptions(sequenceLength: 4, trainingFraction: 1))
        let data = corpus.client(0).training
        #expect(data.sampleShape == [4])
        #expect(data.classCount == 80)
        #expect(data.labels == [53, 54, 1, 55, 0])
        #expect(data.features == [1, 1, 1, 1,
                                  1, 1, 1, 53,
                                  1, 1, 53, 54,
                                  1, 53, 54, 1,
                                  53, 54, 1, 55])
        #expect(corpus.client(0).test.count == 0)
    }

    @Test func windowsDoNotCrossLines() throws {
        let corpus = try task("A:\nab\nc\n", ShakespeareOptions(sequenceLength: 3, trainingFraction: 1))
        let data = corpus.client(0).training
        #expect(data.labels == [53, 54, 0, 55, 0])
        #expect(Array(data.features[9..<12]) == [1, 1, 1])  // 'c' starts a fresh line.
    }

    @Test func aSpeakersTurnsAreConcatenatedInOrder() throws {
        let corpus = try task("A:\na\n\nB:\nb\n\nA:\nc\n", ShakespeareOptions(sequenceLength: 2, trainingFraction: 1))
        #expect(corpus.speakers == ["A", "B"])
        #expect(corpus.client(0).training.labels == [53, 0, 55, 0])
        let b = corpus.client(1)
        #expect(b.training.labels + b.test.labels == [54, 0])
    }

    @Test func positionSplitKeepsTheFirstEightyPercentForTraining() throws {
        let corpus = try task("A:\nabcd\n", ShakespeareOptions(sequenceLength: 2))
        let client = corpus.client(0)
        #expect(client.training.labels == [53, 54, 55, 56])  // ⌊0.8 × 5⌋ = 4
        #expect(client.test.labels == [0])
        #expect(client.test.features == [55, 56])
    }

    @Test func trainingCountFollowsLEAFsBounds() throws {
        let corpus = try task("A:\nabcd\n", ShakespeareOptions(sequenceLength: 2, trainingFraction: 0.1))
        #expect(corpus.trainingCount(samples: 5) == 1)  // ⌊0.5⌋ raised to 1
        #expect(corpus.trainingCount(samples: 100) == 10)
        let whole = try task("A:\nabcd\n", ShakespeareOptions(sequenceLength: 2, trainingFraction: 1))
        #expect(whole.trainingCount(samples: 5) == 5)
        #expect(whole.trainingCount(samples: 2) == 1)  // LEAF: one of two samples trains
    }

    @Test func randomSplitIsSeededAndCoversEverySampleOnce() throws {
        let text = "A:\nthe quick brown fox jumps over the lazy dog\n"
        let options = ShakespeareOptions(sequenceLength: 5, split: .random(seed: 7))
        let first = try task(text, options).client(0)
        let again = try task(text, options).client(0)
        let other = try task(text, ShakespeareOptions(sequenceLength: 5, split: .random(seed: 8))).client(0)
        #expect(first == again)
        #expect(first != other)
        #expect(first.training.count == 35 && first.test.count == 9)  // 43 characters + newline = 44 samples
        let all = try task(text, ShakespeareOptions(sequenceLength: 5, trainingFraction: 1)).client(0)
        let pooled = first.training.labels + first.test.labels
        #expect(pooled.sorted() == (all.training.labels + all.test.labels).sorted())
    }

    @Test func speakersBelowTheMinimumAreDropped() throws {
        let corpus = try task("A:\nabcdef\n\nB:\nab\n", ShakespeareOptions(sequenceLength: 2, minimumSamples: 4))
        #expect(corpus.speakers == ["A"])
        #expect(throws: TextCorpusError(.noSpeakers(minimumSamples: 10))) {
            try task("A:\nab\n", ShakespeareOptions(minimumSamples: 10))
        }
    }

    @Test func limitsCapSpeakersAndSamples() throws {
        let corpus = try task("A:\nabcdef\n\nB:\nabc\n\nC:\nab\n",
                              ShakespeareOptions(sequenceLength: 2, speakerLimit: 2, samplesPerSpeakerLimit: 3))
        #expect(corpus.speakers == ["A", "B"])
        #expect(corpus.sampleCount(0) == 3)
        #expect(corpus.federated().trainingSizes == [2, 2])
    }

    @Test func outOfRangeOptionsAreRejected() {
        #expect(throws: TextCorpusError(.invalidOption("training fraction 0.0 is outside (0, 1]"))) {
            try task("A:\nab\n", ShakespeareOptions(trainingFraction: 0))
        }
        #expect(throws: TextCorpusError(.invalidOption("sequence length 0 must be positive"))) {
            try task("A:\nab\n", ShakespeareOptions(sequenceLength: 0))
        }
    }

    @Test func bundledCorpusKeeps299SpeakersWithLEAFsSampleCount() throws {
        let corpus = try Shakespeare.bundledCorpus()
        #expect(corpus.count == 299)  // 10 of the 309 speakers only have empty turns.
        #expect((0..<corpus.count).reduce(0) { $0 + corpus.sampleCount($1) } == 1_027_837)
        #expect(corpus.sampleCount(0) == 3_980)  // First Citizen
    }

    @Test func bundledSliceFitsTheCharLSTMPreset() throws {
        let data = try Shakespeare.loadBundled(options: ShakespeareOptions(speakerLimit: 3, samplesPerSpeakerLimit: 100))
        #expect(data.ids == ["First Citizen", "All", "Second Citizen"])
        #expect(data.trainingSizes == [80, 80, 80])
        #expect(data.testSizes == [20, 20, 20])
        #expect(data.sampleShape == [80])  // ModelPreset.charlstm.inputShape
        #expect(data.classCount == 80)     // ModelPreset.charlstm.classCount
        let first = data.clients[0].training
        #expect(Array(first.features.prefix(80)) == [Float](repeating: 1, count: 80))
        #expect(first.labels[0] == 26)  // 'B' of "Before we proceed"
    }

    @Test func missingCorpusFileIsUnreadableAndNamed() {
        #expect(throws: TextCorpusError(.unreadable("no such file"), file: "/nonexistent/s.txt")) {
            try Shakespeare.load(contentsOfFile: "/nonexistent/s.txt")
        }
    }
}
