import Testing
@testable import SwiftletData

@Suite struct WAVAudioTests {
    @Test func readsRateAndSamplesOfAMinimalFile() throws {
        let bytes = riff(fmtChunk(rate: 16_000), dataChunk([0, 1, -1, 32767, -32768]))
        #expect(bytes.count == 44 + 10)
        #expect(Array(bytes[4..<8]) == [46, 0, 0, 0])  // RIFF size = 4 + 24 + 18
        let audio = try WAVAudio(bytes: bytes, sampleRate: 16_000)
        #expect(audio.sampleRate == 16_000)
        #expect(audio.samples == [0, 1, -1, 32767, -32768])
    }

    @Test func skipsListChunkWithOddSizeAndItsPadByte() throws {
        let list = Array("LIST".utf8) + le32(5) + Array("INFOx".utf8) + [0]  // 5 bytes + 1 pad byte
        let audio = try WAVAudio(bytes: riff(fmtChunk(), list, dataChunk([7, -7])))
        #expect(audio.samples == [7, -7])
    }

    @Test func acceptsAnyRateWhenNoneIsRequired() throws {
        #expect(try WAVAudio(bytes: riff(fmtChunk(rate: 44_100), dataChunk([3]))).sampleRate == 44_100)
    }

    @Test func rejectsOtherRateWhenOneIsRequired() {
        #expect(wavFailure(riff(fmtChunk(rate: 44_100), dataChunk([3])), sampleRate: 16_000)
            == .unsupportedSampleRate(file: "clip.wav", rate: 44_100, expected: 16_000))
    }

    @Test func rejectsBytesWithoutRIFFWaveHeader() {
        #expect(wavFailure(Array("RIFX".utf8) + le32(4) + Array("WAVE".utf8)) == .notRIFFWave(file: "clip.wav"))
        #expect(wavFailure([1, 2, 3]) == .notRIFFWave(file: "clip.wav"))
    }

    @Test func rejectsTruncatedDataChunk() {
        let bytes = riff(fmtChunk(), dataChunk([1, 2, 3, 4]))
        #expect(wavFailure(Array(bytes.dropLast(3))) == .truncated(file: "clip.wav", chunk: "data", offset: 36))
    }

    @Test func rejectsTruncatedChunkHeader() {
        let bytes = riff(fmtChunk()) + Array("da".utf8)
        #expect(wavFailure(bytes) == .truncated(file: "clip.wav", chunk: "chunk header", offset: 36))
    }

    @Test func rejectsFloatFormatTag() {
        #expect(wavFailure(riff(fmtChunk(tag: 3, bits: 32), dataChunk([0, 0]))) == .unsupportedFormatTag(file: "clip.wav", tag: 3))
    }

    @Test func rejectsStereo() {
        #expect(wavFailure(riff(fmtChunk(channels: 2), dataChunk([0, 0]))) == .notMono(file: "clip.wav", channels: 2))
    }

    @Test func rejectsEightBitSamples() {
        #expect(wavFailure(riff(fmtChunk(bits: 8), dataChunk([0]))) == .unsupportedBitDepth(file: "clip.wav", bits: 8))
    }

    @Test func rejectsAbsurdChunkSize() {
        let bytes = riff(fmtChunk(), Array("data".utf8) + le32(0xFFFF_FFF0))
        #expect(wavFailure(bytes) == .absurdSize(file: "clip.wav", chunk: "data", size: 0xFFFF_FFF0))
    }

    @Test func rejectsDataBeforeFormat() {
        #expect(wavFailure(riff(dataChunk([1]), fmtChunk())) == .missingChunk(file: "clip.wav", chunk: "fmt "))
    }

    @Test func rejectsFileWithoutDataChunk() {
        #expect(wavFailure(riff(fmtChunk())) == .missingChunk(file: "clip.wav", chunk: "data"))
    }

    @Test func rejectsOddSizedData() {
        let bytes = riff(fmtChunk(), Array("data".utf8) + le32(3) + [1, 2, 3, 0])
        #expect(wavFailure(bytes) == .partialSample(file: "clip.wav", bytes: 3))
    }

    @Test func reportsMissingFileByPath() {
        #expect(throws: WAVError.self) { try WAVAudio(contentsOf: "/nonexistent/clip.wav") }
    }
}
