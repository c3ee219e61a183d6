import Foundation
import Testing
@testable import SwiftletTensor

@Suite struct MathKernelTests {
    /// Relative error against the platform's double-precision libm.
    func relativeError(_ approx: Float, _ exact: Double) -> Double {
        abs(Double(approx) - exact) / max(abs(exact), .leastNormalMagnitude)
    }

    @Test func expIsWithinTwoUlpAcrossItsRange() {
        var x: Float = -87
        while x < 88 {
            #expect(relativeError(Kernels.exp(x), Foundation.exp(Double(x))) < 2.4e-7, "exp(\(x))")
            x += 0.173
        }
    }

    @Test func expSaturatesAndPropagatesNaN() {
        #expect(Kernels.exp(100) == .infinity)
        #expect(Kernels.exp(-100) == 0)
        #expect(Kernels.exp(0) == 1)
        #expect(Kernels.exp(.nan).isNaN)
    }

    @Test func logIsAccurateIncludingSubnormals() {
        for x: Float in [Float.leastNormalMagnitude / 128, Float.leastNonzeroMagnitude * 3, 1e-30, 1e-5, 0.1, 0.5, 0.7071, 1, 1.5, 2, 10, 12345, 3e38] {
            let exact = Foundation.log(Double(x))
            #expect(abs(Double(Kernels.log(x)) - exact) < 3e-7 * max(1, abs(exact)), "log(\(x))")
        }
    }

    @Test func logHandlesEdgeCases() {
        #expect(Kernels.log(0) == -.infinity)
        #expect(Kernels.log(-1).isNaN)
        #expect(Kernels.log(.infinity) == .infinity)
        #expect(Kernels.log(1) == 0)
    }

    @Test func tanhAndSigmoidMatchReferenceAndSaturate() {
        var x: Float = -12
        while x < 12 {
            #expect(abs(Double(Kernels.tanh(x)) - Foundation.tanh(Double(x))) < 3e-7, "tanh(\(x))")
            #expect(abs(Double(Kernels.sigmoid(x)) - 1 / (1 + Foundation.exp(-Double(x)))) < 3e-7, "sigmoid(\(x))")
            x += 0.0371
        }
        #expect(Kernels.sigmoid(-200) == 0)
        #expect(Kernels.sigmoid(200) == 1)
    }

    @Test func allFiniteDetectsNaNAndInfinityAnywhere() {
        // 150 values: two 64-float blocks (four accumulators each), one 16-float step, a 6-float tail.
        var values = [Float](repeating: 1, count: 150)
        #expect(Kernels.allFinite(values, count: values.count))
        for position in [0, 15, 16, 31, 32, 36, 48, 63, 64, 100, 127, 128, 143, 144, 149] {
            for bad in [Float.nan, .infinity, -.infinity] {
                values[position] = bad
                #expect(!Kernels.allFinite(values, count: values.count), "\(bad) at \(position)")
                values[position] = 1
            }
        }
    }

    @Test func maxMagnitudeFindsTheLargestAbsoluteValueAnywhere() {
        // 70 values: two 32-float blocks (two accumulators each) and a 6-float tail.
        for position in [0, 17, 31, 32, 63, 64, 69] {
            var values = (0..<70).map { Float($0 % 7) - 3 }  // magnitudes up to 3
            values[position] = -8.5
            #expect(Kernels.maxMagnitude(values, count: values.count) == 8.5, "at \(position)")
        }
        #expect(Kernels.maxMagnitude([Float](), count: 0) == 0)
    }

    @Test func maxMagnitudeIsInfiniteWhenAnyValueIsNotFinite() {
        var values = [Float](repeating: 1, count: 70)
        for position in [0, 31, 32, 64, 69] {
            for bad in [Float.nan, .infinity, -.infinity] {
                values[position] = bad
                #expect(Kernels.maxMagnitude(values, count: values.count) == .infinity, "\(bad) at \(position)")
                values[position] = 1
            }
        }
    }

    @Test func axpyAndScaleAddComputeByHand() {
        var y: [Float] = Array(repeating: 1, count: 19)
        let x: [Float] = (0..<19).map(Float.init)
        Kernels.axpy(19, 2, x, &y)
        #expect(y[0] == 1 && y[18] == 37)
        Kernels.scaleAdd(19, scale: 0.5, &y, adding: x)
        #expect(y[0] == 0.5 && y[18] == 36.5)
    }
}
