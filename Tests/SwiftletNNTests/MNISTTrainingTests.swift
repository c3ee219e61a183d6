import Testing
import SwiftletData
import SwiftletTensor
@testable import SwiftletNN

/// End-to-end: real models trained on a subset of the bundled MNIST data.
@Suite struct MNISTTrainingTests {
    @Test func twoNNLearnsMNISTSubsetWellAboveChance() throws {
        let train = try MNIST.loadBundled(.train, limit: 3_000)
        let test = try MNIST.loadBundled(.test, limit: 1_000)
        let model = try Sequential(preset: .twoNN, seed: 1)
        var generator = SeededGenerator(seed: 2)
        let before = try evaluate(model, on: test)
        let epochs = try model.fit(features: train.features, labels: train.labels, epochs: 3, batchSize: 32,
                                   optimizer: SGD(learningRate: 0.05, momentum: 0.9), generator: &generator)
        let after = try evaluate(model, on: test)
        #expect(epochs[2].loss < epochs[0].loss * 0.6)
        #expect(before.accuracy < 0.25)  // an untrained model is near chance (0.1)
        #expect(after.accuracy > 0.88)
        #expect(after.loss < before.loss / 3)
    }

    @Test func lenet5LearnsMNISTSubsetWellAboveChance() throws {
        let train = try MNIST.loadBundled(.train, limit: 2_000)
        let test = try MNIST.loadBundled(.test, limit: 500)
        let model = try Sequential(preset: .lenet5, seed: 1)
        var generator = SeededGenerator(seed: 2)
        _ = try model.fit(features: train.features, labels: train.labels, epochs: 3, batchSize: 16,
                          optimizer: SGD(learningRate: 0.02, momentum: 0.9), generator: &generator)
        let accuracy = try evaluate(model, on: test).accuracy
        #expect(accuracy > 0.85, "accuracy \(accuracy)")
    }

    @Test func biasOnlyTrainingImprovesAFrozenRandomNetworkAndLeavesWeightsAlone() throws {
        let train = try MNIST.loadBundled(.train, limit: 2_000)
        let model = try Sequential(preset: .twoNN, seed: 5)
        try model.applyMask(.biasesOnly)
        let weightsBefore = Array(model.parameters[0..<(784 * 200)])
        var generator = SeededGenerator(seed: 6)
        let epochs = try model.fit(features: train.features, labels: train.labels, epochs: 2, batchSize: 32,
                                   optimizer: SGD(learningRate: 0.1, momentum: 0.9), generator: &generator)
        #expect(epochs[1].loss < epochs[0].loss)
        #expect(Array(model.parameters[0..<(784 * 200)]) == weightsBefore)
    }

    func evaluate(_ model: Sequential, on data: LabeledDataset) throws -> (loss: Float, accuracy: Float) {
        try data.features.withUnsafeBufferPointer { x in
            try data.labels.withUnsafeBufferPointer { y in try model.evaluate(inputs: x, labels: y) }
        }
    }
}
