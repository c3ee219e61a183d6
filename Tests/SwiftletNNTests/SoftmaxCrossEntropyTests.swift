import Testing
@testable import SwiftletNN

@Suite struct SoftmaxCrossEntropyTests {
    /// Two samples: logits [0, ln 3] with label 1 (softmax [1/4, 3/4]) and [ln 4, 0] with label 0
    /// (softmax [4/5, 1/5]).
    let logits: [Float] = [0, 1.0986123, 1.3862944, 0]
    let labels: [Int32] = [1, 0]

    @Test func lossAndGradientMatchHandComputedValues() {
        var gradient = [Float](repeating: .nan, count: 4)
        let loss = logits.withUnsafeBufferPointer { z in
            labels.withUnsafeBufferPointer { y in
                SoftmaxCrossEntropy().compute(output: z.baseAddress!, targets: y, batchSize: 2, outputSize: 2,
                                              gradient: &gradient)
            }
        }
        // Mean of −ln(3/4) and −ln(4/5); gradient (softmax − onehot) / 2.
        #expect(abs(loss - (0.2876821 + 0.2231436) / 2) < 1e-6)
        let expected: [Float] = [0.125, -0.125, -0.1, 0.1]
        for i in 0..<4 { #expect(abs(gradient[i] - expected[i]) < 1e-6, "gradient[\(i)]") }
    }

    @Test func lossWithoutGradientEqualsLossWithIt() {
        var gradient = [Float](repeating: 0, count: 4)
        let (with, without) = logits.withUnsafeBufferPointer { z in
            labels.withUnsafeBufferPointer { y in
                (SoftmaxCrossEntropy().compute(output: z.baseAddress!, targets: y, batchSize: 2, outputSize: 2,
                                               gradient: &gradient),
                 SoftmaxCrossEntropy().compute(output: z.baseAddress!, targets: y, batchSize: 2, outputSize: 2,
                                               gradient: nil))
            }
        }
        #expect(with.bitPattern == without.bitPattern)
    }
}
