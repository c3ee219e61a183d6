import Testing
import SwiftletTensor

@Suite struct OptimizerKernelTests {
    @Test func softwareSquareRootIsWithinOneUlpOfHardware() {
        var generator = SeededGenerator(seed: 11)
        var exact = 0
        let trials = 20_000
        for trial in 0..<trials {
            // Spread over many binades, including subnormals and huge values.
            let exponent = Float(generator.nextInt(below: 270) - 148)
            var x = (1 + generator.nextUnitFloat()) * Float(sign: .plus, exponent: Int(exponent), significand: 1)
            if trial == 0 { x = .leastNonzeroMagnitude }
            if trial == 1 { x = .greatestFiniteMagnitude }
            let soft = Kernels.squareRoot(x)
            let hard = x.squareRoot()
            #expect(soft == hard || soft == hard.nextUp || soft == hard.nextDown, "√\(x): \(soft) vs \(hard)")
            if soft == hard { exact += 1 }
        }
        #expect(exact >= trials * 99 / 100)
    }

    @Test func softwareSquareRootHandlesSpecialValues() {
        #expect(Kernels.squareRoot(Float(0)) == 0)
        #expect(Kernels.squareRoot(Float(4)) == 2)
        #expect(Kernels.squareRoot(Float.infinity) == .infinity)
        #expect(Kernels.squareRoot(Float(-1)).isNaN)
        #expect(Kernels.squareRoot(Float.nan).isNaN)
    }

    @Test func adamKernelVectorAndTailPathsAgree() {
        // 37 elements: two 16-wide blocks and a 5-element tail; element i of the block path must equal the
        // same element updated alone through the tail path.
        var generator = SeededGenerator(seed: 5)
        let n = 37
        var w = (0..<n).map { _ in generator.nextFloat(in: -1...1) }
        let g = (0..<n).map { _ in generator.nextFloat(in: -1...1) }
        var m = (0..<n).map { _ in generator.nextFloat(in: -0.1...0.1) }
        var v = (0..<n).map { _ in generator.nextFloat(in: 0...0.1) }
        var w1 = w, m1 = m, v1 = v
        Kernels.adamUpdate(n, parameters: &w, gradients: g, firstMoment: &m, secondMoment: &v,
                           beta1: 0.9, beta2: 0.999, stepSize: 0.01, inverseRootCorrection2: 1.2, epsilon: 1e-8,
                           l2: 0.1, decay: 0.99)
        for i in 0..<n {
            g.withUnsafeBufferPointer { gp in
            w1.withUnsafeMutableBufferPointer { wp in
                m1.withUnsafeMutableBufferPointer { mp in
                    v1.withUnsafeMutableBufferPointer { vp in
                        Kernels.adamUpdate(1, parameters: wp.baseAddress! + i, gradients: gp.baseAddress! + i,
                                           firstMoment: mp.baseAddress! + i, secondMoment: vp.baseAddress! + i,
                                           beta1: 0.9, beta2: 0.999, stepSize: 0.01, inverseRootCorrection2: 1.2,
                                           epsilon: 1e-8, l2: 0.1, decay: 0.99)
                    }
                }
            }
            }
        }
        #expect(w == w1 && m == m1 && v == v1)
    }
}
