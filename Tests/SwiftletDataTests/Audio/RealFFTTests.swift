import Foundation
import SwiftletTensor
import Testing
@testable import SwiftletData

@Suite struct RealFFTTests {
    /// The DFT by its definition, in Double: the independent reference.
    func naiveDFT(_ x: [Float]) -> (real: [Double], imaginary: [Double]) {
        let n = x.count
        var real: [Double] = [], imaginary: [Double] = []
        for k in 0...(n / 2) {
            var re = 0.0, im = 0.0
            for (t, value) in x.enumerated() {
                let angle = -2 * Double.pi * Double(k * t % n) / Double(n)
                re += Double(value) * cos(angle)
                im += Double(value) * sin(angle)
            }
            real.append(re)
            imaginary.append(im)
        }
        return (real, imaginary)
    }

    @Test(arguments: [4, 16, 1024]) func matchesNaiveDFT(size: Int) throws {
        var generator = SeededGenerator(seed: UInt64(size))
        let signal = (0..<size).map { _ in generator.nextNormal() }
        let fft = try #require(RealFFT(size: size))
        let (real, imaginary) = fft.transform(signal)
        let reference = naiveDFT(signal)
        #expect(real.count == size / 2 + 1)
        let tolerance = 1e-4 * Double(size).squareRoot() * 4
        for k in 0...(size / 2) {
            #expect(abs(Double(real[k]) - reference.real[k]) < tolerance, "bin \(k) real")
            #expect(abs(Double(imaginary[k]) - reference.imaginary[k]) < tolerance, "bin \(k) imaginary")
        }
    }

    @Test func impulseHasFlatSpectrum() throws {
        let fft = try #require(RealFFT(size: 8))
        let (real, imaginary) = fft.transform([1, 0, 0, 0, 0, 0, 0, 0])
        #expect(real == [1, 1, 1, 1, 1])
        #expect(imaginary.allSatisfy { abs($0) < 1e-7 })
    }

    @Test func refusesSizesThatAreNotPowersOfTwo() {
        #expect(RealFFT(size: 12) == nil)
        #expect(RealFFT(size: 2) == nil)
        #expect(RealFFT(size: 0) == nil)
    }
}
