import Testing
@testable import SwiftletData

@Suite struct LogMelFrontEndReferenceTests {
    @Test func bundledClipMatchesNumpyReference() throws {
        // Reference: Fixtures/make_logmel_fixture.py (float64 numpy rfft, same documented pipeline). Measured: 3.7e-5.
        let text = String(decoding: try fixture("logmel-yes-439c84f4_nohash_1.txt"), as: UTF8.self)
        let reference = text.split(whereSeparator: { $0 == " " || $0 == "\n" }).map { Float(String($0))! }
        #expect(reference.count == 49 * 40)
        let root = try BundledData.speechCommandsDirectory()
        let clip = try WAVAudio(contentsOf: root + "/yes/439c84f4_nohash_1.wav", sampleRate: 16_000)
        let features = LogMelFrontEnd().features(clip.samples)
        let worst = zip(features, reference).map { abs($0 - $1) }.max()!
        #expect(worst < 1e-4, "largest difference \(worst)")
    }
}
