import Foundation
import Testing
@testable import SwiftletData

/// Play-script text split into speakers' turns.
@Suite struct SpeakerCorpusTests {
    @Test func turnsRunFromNameLineToBlankLine() throws {
        let corpus = try SpeakerCorpus(text: "A:\nhi there\n\nB:\nyo:\nok\n\n\nA:\n\n")
        #expect(corpus.turns == [
            SpeakerCorpus.Turn(speaker: "A", lines: ["hi there"], line: 1),
            SpeakerCorpus.Turn(speaker: "B", lines: ["yo:", "ok"], line: 4),
            SpeakerCorpus.Turn(speaker: "A", lines: [], line: 9),
        ])
        #expect(corpus.speakers == ["A", "B"])
        #expect(corpus.turns(of: "A").count == 2)
    }

    @Test func crlfLineEndsAndMissingFinalNewlineAreAccepted() throws {
        let corpus = try SpeakerCorpus(text: "First Lord:\r\nGood day.\r\n\r\nSecond Lord:\r\nAnd to you.")
        #expect(corpus.turns.map(\.lines) == [["Good day."], ["And to you."]])
        #expect(corpus.speakers == ["First Lord", "Second Lord"])
    }

    @Test func paragraphWithoutNameLineNamesItsLine() {
        #expect(throws: TextCorpusError(.missingSpeaker(found: "not a name"), file: "p.txt", line: 4)) {
            try SpeakerCorpus(text: "A:\nhi\n\nnot a name\n", file: "p.txt")
        }
    }

    @Test func nameLineWithTwoColonsIsNotASpeaker() {
        #expect(throws: TextCorpusError(.missingSpeaker(found: "Note: read:"), line: 1)) {
            try SpeakerCorpus(text: "Note: read:\nx\n")
        }
    }

    @Test func bareColonIsNotASpeaker() {
        #expect(throws: TextCorpusError(.missingSpeaker(found: ":"), line: 1)) { try SpeakerCorpus(text: ":\nx\n") }
    }

    @Test func textWithoutTurnsIsRejected() {
        #expect(throws: TextCorpusError(.noTurns)) { try SpeakerCorpus(text: "\n \n") }
    }

    @Test func invalidUTF8IsReportedWithItsOffset() throws {
        let directory = try temporaryDirectory("text-utf8")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try writeFile(Array("A:\nok".utf8) + [0xFF], to: directory + "/bad.txt")
        #expect(throws: TextCorpusError(.invalidUTF8(offset: 5), file: directory + "/bad.txt")) {
            try SpeakerCorpus(contentsOfFile: directory + "/bad.txt")
        }
    }

    @Test func bundledTinyShakespeareHas309SpeakersIn7222Turns() throws {
        let corpus = try SpeakerCorpus(contentsOfFile: BundledData.shakespeareFile())
        #expect(corpus.turns.count == 7_222)
        #expect(corpus.speakers.count == 309)
        var turns: [String: Int] = [:]
        for turn in corpus.turns { turns[turn.speaker, default: 0] += 1 }
        #expect(turns.values.filter { $0 >= 10 }.count == 146)
        #expect(corpus.turns.filter(\.lines.isEmpty).count == 125)
        #expect(corpus.turns.reduce(0) { $0 + $1.lines.count } == 25_555)
        #expect(Array(corpus.speakers.prefix(3)) == ["First Citizen", "All", "Second Citizen"])
        #expect(corpus.turns[0].lines == ["Before we proceed any further, hear me speak."])
    }
}
