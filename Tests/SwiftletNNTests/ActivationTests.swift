import Testing
import SwiftletTensor
@testable import SwiftletNN

@Suite struct ActivationTests {
    /// Inputs spread over [−4, 4], avoiding ReLU6's kinks at 0 and 6 by at least 0.05.
    func spreadInput(count: Int, seed: UInt64) -> [Float] {
        var generator = SeededGenerator(seed: seed)
        return (0..<count).map { _ in
            var v = generator.nextFloat(in: -4...4)
            if abs(v) < 0.05 { v += 0.1 }
            return v
        }
    }

    @Test func sigmoidBackwardMatchesFiniteDifferences() throws {
        try checkGradients(Sigmoid(name: "sig"), inputShape: [2, 11], input: spreadInput(count: 66, seed: 4))
    }

    @Test func tanhBackwardMatchesFiniteDifferences() throws {
        try checkGradients(Tanh(name: "tanh"), inputShape: [2, 11], input: spreadInput(count: 66, seed: 5))
    }

    @Test func relu6BackwardMatchesFiniteDifferences() throws {
        // Scaled to [−8, 8] so values above 6 (zero gradient) are exercised; kept 0.05 away from 6.
        let input = spreadInput(count: 66, seed: 6).map { v -> Float in
            let scaled = v * 2
            return abs(scaled - 6) < 0.05 ? scaled + 0.1 : scaled
        }
        try checkGradients(ReLU6(name: "relu6"), inputShape: [22], input: input)
    }

    @Test func sigmoidForwardMatchesHandValues() throws {
        // σ(0) = 1/2, σ(ln 3) = 3/4, σ(−ln 3) = 1/4.
        let ln3 = Float(1.0986122886681098)
        let y = try runLayer(Sigmoid(), inputShape: [3], input: [0, ln3, -ln3])
        #expect(abs(y[0] - 0.5) < 1e-7 && abs(y[1] - 0.75) < 1e-6 && abs(y[2] - 0.25) < 1e-6)
    }

    @Test func tanhForwardMatchesHandValues() throws {
        // tanh(ln 2) = (2 − 1/2)/(2 + 1/2) = 0.6; tanh is odd; tanh(0) = 0.
        let ln2 = Float(0.6931471805599453)
        let y = try runLayer(Tanh(), inputShape: [3], input: [ln2, -ln2, 0])
        #expect(abs(y[0] - 0.6) < 1e-6 && abs(y[1] + 0.6) < 1e-6 && y[2] == 0)
    }

    @Test func relu6ClampsToZeroAndSix() throws {
        let y = try runLayer(ReLU6(), inputShape: [5], input: [-1, 0, 2.5, 6, 7])
        #expect(y == [0, 0, 2.5, 6, 6])
    }

    @Test func vectorSigmoidAndTanhAgreeWithScalarOnes() {
        // Over [−30, 30] in steps of 1/64, including the tanh series region and saturation, through the
        // 8-lane path (first 8·k values) and the scalar tail.
        let x = (0..<3843).map { Float($0 - 1921) / 64 }
        var s = [Float](repeating: 0, count: x.count)
        var t = [Float](repeating: 0, count: x.count)
        x.withUnsafeBufferPointer { xp in
            s.withUnsafeMutableBufferPointer { Kernels.sigmoid(xp.baseAddress!, $0.baseAddress!, count: x.count) }
            t.withUnsafeMutableBufferPointer { Kernels.tanh(xp.baseAddress!, $0.baseAddress!, count: x.count) }
        }
        var worstSigmoid: Float = 0
        var worstTanh: Float = 0
        for i in x.indices {
            let reference = Kernels.sigmoid(x[i])
            worstSigmoid = max(worstSigmoid, abs(s[i] - reference) / max(reference, 1e-30))
            let tanhReference = Kernels.tanh(x[i])
            worstTanh = max(worstTanh, abs(t[i] - tanhReference) / max(abs(tanhReference), 1e-30))
        }
        #expect(worstSigmoid < 1e-6)
        #expect(worstTanh < 1e-6)
    }

    @Test func vectorExpMatchesScalarExpWithinTwoUlp() {
        var worst: Float = 0
        var v = SIMD8<Float>()
        for start in stride(from: -86, to: 87, by: 1) {
            for lane in 0..<8 { v[lane] = Float(start) + Float(lane) / 8 + 0.03 }
            let y = Kernels.exp(v)
            for lane in 0..<8 {
                let reference = Kernels.exp(v[lane])
                worst = max(worst, abs(y[lane] - reference) / reference)
            }
        }
        #expect(worst < 2.5e-7)
    }

    @Test func vectorActivationsPropagateNaN() {
        let x = SIMD8<Float>(0, .nan, 1, 2, 3, 4, 5, 6)
        #expect(Kernels.sigmoid(x)[1].isNaN)
        #expect(Kernels.tanh(x)[1].isNaN)
        #expect(!Kernels.sigmoid(x)[0].isNaN)
    }
}
