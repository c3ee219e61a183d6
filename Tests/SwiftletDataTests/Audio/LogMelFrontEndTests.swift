import Foundation
import Testing
@testable import SwiftletData

@Suite struct LogMelFrontEndTests {
    @Test func shapeIsFortyNineFramesOfFortyBins() {
        #expect(LogMelFrontEnd.frameCount == 49)
        #expect(LogMelFrontEnd.featureShape == [1, 49, 40])
        #expect(LogMelFrontEnd().features([Int16](repeating: 0, count: 16_000)).count == 49 * 40)
    }

    @Test func silenceSitsAtTheLogFloor() {
        let features = LogMelFrontEnd().features([Int16](repeating: 0, count: 100))
        #expect(features.allSatisfy { $0 == log(Float(1e-6)) })
    }

    @Test func pureToneLandsInTheMelBinCentredNearIt() {
        // 1 kHz; HTK centres near it (edges 20 Hz–8 kHz, 40 filters, filter i peaking at edges[i + 1]):
        // filter 13 peaks at 986.0 Hz and weighs 1000 Hz at 0.87; filter 14 peaks at 1091.7 Hz and weighs it 0.13.
        let tone = (0..<16_000).map { Int16((8000 * sin(2 * Double.pi * 1000 * Double($0) / 16_000)).rounded()) }
        let features = LogMelFrontEnd().features(tone)
        #expect(abs(LogMelFrontEnd().filterbank.edges[14] - 986.0) < 0.1)
        for frame in [0, 24, 48] {
            let row = Array(features[(frame * 40)..<((frame + 1) * 40)])
            #expect(row.firstIndex(of: row.max()!) == 13, "frame \(frame)")
        }
    }

    @Test func longClipsAreTrimmedToOneSecond() {
        var long = [Int16](repeating: 100, count: 16_000)
        let frontEnd = LogMelFrontEnd()
        let reference = frontEnd.features(long)
        long += [Int16](repeating: 30_000, count: 4000)
        #expect(frontEnd.features(long) == reference)
    }

    @Test func batchFeaturesEqualPerClipFeatures() {
        let a = (0..<16_000).map { Int16(truncatingIfNeeded: $0 * 37) }, b = (0..<9000).map { Int16(($0 % 200) - 100) }
        let frontEnd = LogMelFrontEnd()
        #expect(frontEnd.features([a, b]) == frontEnd.features(a) + frontEnd.features(b))
    }
}
