import Testing
@testable import SwiftletData

@Suite struct MelFilterbankTests {
    @Test func htkMelOfOneKilohertzIsAboutOneThousand() {
        #expect(abs(MelFilterbank.mel(1000) - 999.99) < 0.01)
        #expect(abs(MelFilterbank.hertz(MelFilterbank.mel(4321)) - 4321) < 1e-9)
    }

    @Test func singleFilterWeightsMatchHandComputedTriangle() {
        // 0–4000 Hz on the mel scale: mel(4000) = 2146.06, centre = hertz(1073.03) = 1113.84 Hz.
        // FFT bins of an 8-point FFT at 8 kHz sit at 0, 1000, 2000, 3000, 4000 Hz:
        // 1000/1113.84 = 0.8978; (4000 − 2000)/(4000 − 1113.84) = 0.6930; 1000/2886.16 = 0.3465.
        let bank = MelFilterbank(count: 1, fftSize: 8, sampleRate: 8000, lowerHz: 0, upperHz: 4000)
        #expect(abs(bank.edges[1] - 1113.84) < 0.01)
        #expect(bank.firstBin == [1])
        #expect(bank.weights[0].count == 3)
        for (weight, expected) in zip(bank.weights[0], [0.8978, 0.6930, 0.3465] as [Float]) {
            #expect(abs(weight - expected) < 1e-4)
        }
    }

    @Test func edgesRunFromLowerToUpperFrequency() {
        let bank = MelFilterbank(count: 40, fftSize: 1024, sampleRate: 16_000, lowerHz: 20, upperHz: 8000)
        #expect(bank.edges.count == 42)
        #expect(abs(bank.edges[0] - 20) < 1e-9 && abs(bank.edges[41] - 8000) < 1e-6)
        #expect(zip(bank.edges, bank.edges.dropFirst()).allSatisfy { $0 < $1 })
        #expect(bank.weights.allSatisfy { !$0.isEmpty })
    }

    @Test func overlappingFiltersSumToOneBetweenFirstAndLastCentre() {
        // Each bin between two centres lies on the falling side of one filter and the rising side of the next.
        let bank = MelFilterbank(count: 40, fftSize: 1024, sampleRate: 16_000, lowerHz: 20, upperHz: 8000)
        var sums = [Float](repeating: 0, count: 513)
        for filter in 0..<40 {
            for (offset, weight) in bank.weights[filter].enumerated() { sums[bank.firstBin[filter] + offset] += weight }
        }
        for bin in 0...512 {
            let hertz = Double(bin) * 15.625
            if hertz >= bank.edges[1] && hertz <= bank.edges[40] { #expect(abs(sums[bin] - 1) < 1e-5, "bin \(bin)") }
        }
    }
}
