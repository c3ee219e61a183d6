import Foundation
import Testing
@testable import SwiftletData

@Suite struct SpeechCommandsTests {
    @Test func bundledSubsetLoadsWithTwelveClassCounts() throws {
        let commands = try SpeechCommands.loadBundled(silenceClips: 10, seed: 1)
        // 10 keywords × 10 clips, 20 other words × 10 clips as unknown, 10 synthetic silence clips.
        #expect(commands.dataset.count == 310)
        #expect(commands.dataset.sampleShape == [1, 49, 40])
        #expect(commands.dataset.classCount == 12)
        var counts = [Int](repeating: 0, count: 12)
        for label in commands.dataset.labels { counts[Int(label)] += 1 }
        #expect(counts == [10, 200] + [Int](repeating: 10, count: 10))
        #expect(Set(commands.speakers).count == 42)  // 41 speakers + the silence pseudo-speaker
        #expect(commands.dataset.features.allSatisfy { $0.isFinite })
    }

    @Test func speakerIsTheFileNamePrefix() throws {
        let commands = try SpeechCommands.loadBundled(silenceClips: 0)
        let index = try #require(commands.files.firstIndex(of: "yes/439c84f4_nohash_1.wav"))
        #expect(commands.speakers[index] == "439c84f4")
        #expect(commands.dataset.labels[index] == 2)
    }

    @Test func silenceIsFixedBySeed() throws {
        let root = try temporaryDirectory("kws-seed")
        defer { try? FileManager.default.removeItem(atPath: root) }
        try FileManager.default.createDirectory(atPath: root + "/yes", withIntermediateDirectories: true)
        try writeFile(riff(fmtChunk(), dataChunk([Int16](repeating: 500, count: 16_000))), to: root + "/yes/abc_nohash_0.wav")
        let a = try SpeechCommands.load(root: root, silenceClips: 3, seed: 4)
        let b = try SpeechCommands.load(root: root, silenceClips: 3, seed: 4)
        let c = try SpeechCommands.load(root: root, silenceClips: 3, seed: 5)
        #expect(a.dataset == b.dataset)
        #expect(a.dataset != c.dataset)
        #expect(a.dataset.labels == [2, 0, 0, 0])
        #expect(a.files == ["yes/abc_nohash_0.wav", "_silence_/0", "_silence_/1", "_silence_/2"])
    }

    @Test func malformedClipNamesTheFile() throws {
        let root = try temporaryDirectory("kws-bad")
        defer { try? FileManager.default.removeItem(atPath: root) }
        try FileManager.default.createDirectory(atPath: root + "/no", withIntermediateDirectories: true)
        try writeFile(riff(fmtChunk(rate: 8000), dataChunk([1])), to: root + "/no/abc_nohash_0.wav")
        #expect(throws: SpeechCommandsError.wav(.unsupportedSampleRate(file: root + "/no/abc_nohash_0.wav", rate: 8000, expected: 16_000))) {
            try SpeechCommands.load(root: root)
        }
    }

    @Test func fileNameWithoutSpeakerIsAnError() throws {
        let root = try temporaryDirectory("kws-name")
        defer { try? FileManager.default.removeItem(atPath: root) }
        try FileManager.default.createDirectory(atPath: root + "/up", withIntermediateDirectories: true)
        try writeFile(riff(fmtChunk(), dataChunk([1])), to: root + "/up/clip.wav")
        #expect(throws: SpeechCommandsError.unexpectedFileName("up/clip.wav")) { try SpeechCommands.load(root: root) }
    }

    @Test func emptyOrMissingFolderIsAnError() throws {
        let root = try temporaryDirectory("kws-empty")
        defer { try? FileManager.default.removeItem(atPath: root) }
        #expect(throws: SpeechCommandsError.noClips(root: root)) { try SpeechCommands.load(root: root) }
        #expect(throws: SpeechCommandsError.notADirectory(root + "/missing")) { try SpeechCommands.load(root: root + "/missing") }
        #expect(throws: SpeechCommandsError.invalidSilenceCount(-1)) { try SpeechCommands.load(root: root, silenceClips: -1) }
    }
}

@Suite struct SpeechCommandsSubsetTests {
    @Test func bundledClipsFollowTheOfficialLists() throws {
        let commands = try SpeechCommands.loadBundled(silenceClips: 10)
        // Counted with grep -xFf over the shipped lists: 51 clips in testing_list.txt, 44 in validation_list.txt.
        // Silence clips 8 and 9 go to validation and testing.
        #expect(commands.subset(.testing).dataset.count == 52)
        #expect(commands.subset(.validation).dataset.count == 45)
        #expect(commands.subset(.training).dataset.count == 213)
        let testing = commands.subset(.testing)
        #expect(testing.subsets.allSatisfy { $0 == .testing })
        #expect(testing.files.last == "_silence_/9")
    }

    @Test func officialSplitKeepsSpeakersApart() throws {
        let commands = try SpeechCommands.loadBundled(silenceClips: 0)
        let training = Set(commands.subset(.training).speakers), testing = Set(commands.subset(.testing).speakers)
        #expect(training.isDisjoint(with: testing))
    }
}

@Suite struct SpeechCommandsNaturalSplitTests {
    @Test func naturalSplitGivesOneClientPerSpeaker() throws {
        let commands = try SpeechCommands.loadBundled(silenceClips: 10)
        let parts = try Partitioner.naturalID(ids: commands.speakers)
        #expect(parts.count == 42)
        #expect(parts.map(\.count).reduce(0, +) == 310)
        #expect(parts.allSatisfy { part in Set(part.map { commands.speakers[$0] }).count == 1 })
    }
}
