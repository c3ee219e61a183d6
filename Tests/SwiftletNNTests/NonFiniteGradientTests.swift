import Testing
import SwiftletTensor
@testable import SwiftletNN

/// Gradients that overflow although inputs, outputs and loss are finite must stop the step before any
/// parameter changes, whichever layer they appear in.
@Suite struct NonFiniteGradientTests {
    /// `x → fc1 (2 → 1) → fc2 (1 → 1)` with fc1 = [1, 1], bias 0 and fc2 = [1], bias 0. For the input
    /// `[3e38, −3e38]` the hidden value is exactly 0 (the chain 3e38 − 3e38), so the output is 0 and the
    /// squared error against 100 is 10 000. Backward: dy = 2 · (0 − 100) = −200, so fc2's gradients are
    /// finite (0 and −200) but fc1's weight gradient is −200 · ±3e38, which overflows to ∓∞.
    func overflowingModel() throws -> Sequential {
        let model = try Sequential(inputShape: [2], layers: [Dense(1, name: "fc1"), Dense(1, name: "fc2")])
        let values: [Float] = [1, 1, 0, 1, 0]
        for (i, v) in values.enumerated() { model.parameters[i] = v }
        return model
    }

    func step(_ model: Sequential) throws(ModelError) {
        let input: [Float] = [3e38, -3e38]
        let target: [Float] = [100]
        try input.withUnsafeBufferPointer { (x) throws(ModelError) in
            try target.withUnsafeBufferPointer { (y) throws(ModelError) in
                _ = try model.trainStep(input: x, targets: y, batchSize: 1, loss: MeanSquaredError(),
                                        optimizer: SGD(learningRate: 0.1))
            }
        }
    }

    @Test func overflowInAnEarlierLayerNamesThatLayerAndTensor() throws {
        let model = try overflowingModel()
        #expect(throws: ModelError.nonFiniteGradient(layer: "fc1", tensor: "weight")) { try step(model) }
    }

    @Test func overflowLeavesEveryParameterUnchanged() throws {
        let model = try overflowingModel()
        #expect(throws: ModelError.self) { try step(model) }
        // fc2's gradients were finite and checked first; it must not have been updated either.
        #expect(Array(model.parameters) == [1, 1, 0, 1, 0])
        #expect(model.step == 0)
    }

    /// `x → fc (2 → 1)` with weight [0, 1] and bias 0, one squared-error step against `target`.
    func singleDenseStep(input: [Float], target: Float) throws -> (loss: Float, dense: Dense) {
        let dense = Dense(1, name: "fc")
        let model = try Sequential(inputShape: [2], layers: [dense])
        for (i, v) in [Float(0), 1, 0].enumerated() { model.parameters[i] = v }
        let loss = try input.withUnsafeBufferPointer { x in
            try [target].withUnsafeBufferPointer { y in
                try model.trainStep(input: x, targets: y, batchSize: 1, loss: MeanSquaredError(),
                                    optimizer: SGD(learningRate: 1e-3))
            }
        }
        return (loss, dense)
    }

    @Test func denseProvesOrdinaryGradientsFiniteFromItsOperands() throws {
        // Output 2 against 0: dy = 4, max|x| = 2, so the bound 1 · 4 · 2 is far below the largest float.
        let (loss, dense) = try singleDenseStep(input: [1, 2], target: 0)
        #expect(loss == 4)
        #expect(dense.gradientsProvedFinite)
    }

    @Test func hugeButFiniteGradientsAreScannedAndAccepted() throws {
        // Output 0 against −10: loss 100, dy = 20; with x₀ = 1e37 the weight gradient 2e38 is finite, but the
        // bound 20 · 1e37 exceeds a quarter of the largest float, so the model scans, finds it finite, and steps.
        let (loss, dense) = try singleDenseStep(input: [1e37, 0], target: -10)
        #expect(loss == 100)
        #expect(!dense.gradientsProvedFinite)
    }
}
