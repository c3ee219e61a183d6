import Testing
@testable import SwiftletNN

@Suite struct LossTests {
    @Test func softmaxCrossEntropyMatchesHandComputation() {
        // logits [1, 2, 3], label 2: loss = log(e¹ + e² + e³) − 3 = 0.4076059644;
        // gradient = softmax − onehot = [0.0900305732, 0.2447284711, 0.6652409558 − 1].
        let logits: [Float] = [1, 2, 3]
        let labels: [Int32] = [2]
        var gradient = [Float](repeating: 0, count: 3)
        let loss = labels.withUnsafeBufferPointer { y in
            SoftmaxCrossEntropy().compute(output: logits, targets: y, batchSize: 1, outputSize: 3, gradient: &gradient)
        }
        #expect(abs(loss - 0.4076059644) < 1e-6)
        #expect(abs(gradient[0] - 0.0900305732) < 1e-6)
        #expect(abs(gradient[1] - 0.2447284711) < 1e-6)
        #expect(abs(gradient[2] + 0.3347590442) < 1e-6)
    }

    @Test func softmaxCrossEntropyAveragesOverTheBatchAndIsStableForHugeLogits() {
        // Two samples; the second has logits shifted by 1000, which must not overflow.
        let logits: [Float] = [0, 0, 1000, 1000]
        let labels: [Int32] = [0, 1]
        var gradient = [Float](repeating: 0, count: 4)
        let loss = labels.withUnsafeBufferPointer { y in
            SoftmaxCrossEntropy().compute(output: logits, targets: y, batchSize: 2, outputSize: 2, gradient: &gradient)
        }
        #expect(abs(loss - 0.6931471806) < 1e-6)  // log 2 for both samples
        #expect(gradient == [-0.25, 0.25, 0.25, -0.25])
    }

    @Test func softmaxCrossEntropyRejectsLabelsOutsideTheClasses() {
        let labels: [Int32] = [1, 3]
        #expect(throws: ModelError.labelOutOfRange(sample: 1, label: 3, classes: 3)) {
            try labels.withUnsafeBufferPointer { try SoftmaxCrossEntropy().validate(targets: $0, batchSize: 2, outputSize: 3) }
        }
        let negative: [Int32] = [-1]
        #expect(throws: ModelError.labelOutOfRange(sample: 0, label: -1, classes: 3)) {
            try negative.withUnsafeBufferPointer { try SoftmaxCrossEntropy().validate(targets: $0, batchSize: 1, outputSize: 3) }
        }
    }

    @Test func meanSquaredErrorMatchesHandComputation() {
        // ((1 − 0)² + (2 − 4)²) / 2 = 2.5; gradient 2(o − t)/2 = [1, −2].
        let output: [Float] = [1, 2]
        let targets: [Float] = [0, 4]
        var gradient = [Float](repeating: 0, count: 2)
        let loss = targets.withUnsafeBufferPointer { t in
            MeanSquaredError().compute(output: output, targets: t, batchSize: 1, outputSize: 2, gradient: &gradient)
        }
        #expect(loss == 2.5)
        #expect(gradient == [1, -2])
    }

    @Test func meanSquaredErrorRejectsNonFiniteTargetsAndWrongCounts() {
        let bad: [Float] = [0, 1, .nan, 2]
        #expect(throws: ModelError.nonFiniteTarget(sample: 1)) {
            try bad.withUnsafeBufferPointer { try MeanSquaredError().validate(targets: $0, batchSize: 2, outputSize: 2) }
        }
        #expect(throws: ModelError.targetSizeMismatch(expected: 6, actual: 4)) {
            try bad.withUnsafeBufferPointer { try MeanSquaredError().validate(targets: $0, batchSize: 3, outputSize: 2) }
        }
    }
}
