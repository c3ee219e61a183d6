import Testing
import SwiftletTensor
@testable import SwiftletNN

/// Bad input gets a clear error naming the sample or layer, and the model is left exactly as it was.
@Suite struct SequentialBadInputTests {
    func model() throws -> Sequential {
        try Sequential(inputShape: [2], layers: [Dense(4, name: "fc1"), ReLU(name: "relu"), Dense(3, name: "fc2")], seed: 1)
    }

    func step(_ model: Sequential, _ x: [Float], _ y: [Int32], batch: Int) throws {
        _ = try x.withUnsafeBufferPointer { x in
            try y.withUnsafeBufferPointer { y in
                try model.trainStep(input: x, targets: y, batchSize: batch, loss: SoftmaxCrossEntropy(), optimizer: SGD(learningRate: 0.1))
            }
        }
    }

    @Test func nanInputNamesTheSampleAndLeavesParametersUnchanged() throws {
        let m = try model()
        let before = m.parameterVector
        #expect(throws: ModelError.nonFiniteInput(sample: 1, index: 0)) { try step(m, [1, 2, .nan, 4], [0, 1], batch: 2) }
        #expect(throws: ModelError.nonFiniteInput(sample: 0, index: 1)) { try step(m, [1, .infinity], [0], batch: 1) }
        #expect(m.parameterVector == before)
    }

    @Test func labelOutOfRangeNamesTheSample() throws {
        let m = try model()
        let before = m.parameterVector
        #expect(throws: ModelError.labelOutOfRange(sample: 1, label: 3, classes: 3)) { try step(m, [1, 2, 3, 4], [0, 3], batch: 2) }
        #expect(m.parameterVector == before)
    }

    @Test func wrongInputSizeAndBatchSizeAreRejected() throws {
        let m = try model()
        #expect(throws: ModelError.inputSizeMismatch(expected: 4, actual: 3)) { try step(m, [1, 2, 3], [0, 1], batch: 2) }
        #expect(throws: ModelError.targetSizeMismatch(expected: 2, actual: 1)) { try step(m, [1, 2, 3, 4], [0], batch: 2) }
        #expect(throws: ModelError.invalidBatchSize(0)) { try step(m, [], [], batch: 0) }
        #expect(throws: ModelError.invalidBatchSize(-1)) { try step(m, [], [], batch: -1) }
    }

    @Test func overflowingLossThrowsAndTheUpdateIsNotApplied() throws {
        let m = try model()
        // Finite but enormous weights make the logits overflow to ±∞, so the loss is NaN.
        var values = m.parameterVector
        for i in 0..<8 { values[i] = 3e38 }
        try m.setParameters(values)
        let before = m.parameterVector
        #expect(throws: ModelError.nonFiniteLoss(step: 0)) { try step(m, [3e38, 3e38], [0], batch: 1) }
        #expect(m.parameterVector == before)
        #expect(m.step == 0)
    }

    @Test func settingNonFiniteParametersNamesLayerAndTensorAndChangesNothing() throws {
        let m = try model()
        let before = m.parameterVector
        var values = before
        values[8 + 1] = .nan  // fc1.bias[1]: fc1.weight is 4 × 2 = 8 values
        #expect(throws: ModelError.nonFiniteParameter(layer: "fc1", tensor: "bias", index: 1)) { try m.setParameters(values) }
        #expect(throws: ModelError.parameterCountMismatch(expected: 27, actual: 3)) { try m.setParameters([1, 2, 3]) }
        #expect(m.parameterVector == before)
    }

    @Test func shapeMismatchAtBuildNamesTheLayer() {
        #expect(throws: ModelError.self) {
            try Sequential(inputShape: [1, 28, 28], layers: [Conv2D(outChannels: 4, kernelSize: 30, name: "conv1")])
        }
        #expect(throws: ModelError.duplicateLayerName("fc")) {
            try Sequential(inputShape: [2], layers: [Dense(2, name: "fc"), Dense(2, name: "fc")])
        }
    }

    @Test func unknownLayerInAMaskIsRejected() throws {
        let m = try model()
        #expect(throws: ModelError.unknownLayer("fc9")) { try m.applyMask(.freezing(["fc9"])) }
    }
}
