import Testing
import SwiftletTensor
@testable import SwiftletNN

@Suite struct LSTMTests {
    @Test func oneStepMatchesHandComputation() throws {
        // H = F = 1, zero weights, bias (ln 3, 0, ln 2, 0): i = σ(ln 3) = 3/4, g = tanh(ln 2) = 3/5, o = 1/2,
        // c = i·g = 0.45 (f multiplies the zero initial state), h = o·tanh(0.45) = 0.2109495026.
        let ln3 = Float(1.0986122886681098), ln2 = Float(0.6931471805599453)
        let parameters: [Float] = [0, 0, 0, 0] + [0, 0, 0, 0] + [ln3, 0, ln2, 0]
        let y = try runLayer(LSTM(hiddenSize: 1), inputShape: [1, 1], input: [1], parameters: parameters)
        #expect(abs(y[0] - 0.2109495026) < 1e-6)
    }

    @Test func twoStepsCarryHiddenAndCellStateForward() throws {
        // x = (1, −1); W_ih = (0.5, −0.5, 1, 0.25), W_hh = (0.1, 0.2, −0.3, 0.4), b = (0, 1, 0, −0.5).
        // Float64 reference (the LSTM equations written out in Python): h₁ = 0.1932881265, h₂ = 0.0304554965.
        let parameters: [Float] = [0.5, -0.5, 1, 0.25, 0.1, 0.2, -0.3, 0.4, 0, 1, 0, -0.5]
        let sequences = try runLayer(LSTM(hiddenSize: 1), inputShape: [2, 1], input: [1, -1], parameters: parameters)
        #expect(abs(sequences[0] - 0.1932881265) < 1e-6 && abs(sequences[1] - 0.0304554965) < 1e-6)
        let last = try runLayer(LSTM(hiddenSize: 1, returnSequences: false), inputShape: [2, 1], input: [1, -1],
                                parameters: parameters)
        #expect(last.count == 1 && abs(last[0] - 0.0304554965) < 1e-6)
    }

    @Test func samplesInABatchAreIndependent() throws {
        // A batch of two gives each sample the output it gets alone (the state is per sample).
        let x: [Float] = [0.3, -0.7, 0.1, 0.9, 0.5, -0.2, -0.4, 0.8, 0.6, 0.2, -0.9, 0.4]
        let batch = try runLayer(LSTM(hiddenSize: 9), inputShape: [3, 2], input: x, batchSize: 2, training: true)
        let first = try runLayer(LSTM(hiddenSize: 9), inputShape: [3, 2], input: Array(x[0..<6]))
        let second = try runLayer(LSTM(hiddenSize: 9), inputShape: [3, 2], input: Array(x[6..<12]))
        for i in 0..<27 {
            #expect(abs(batch[i] - first[i]) < 1e-6)
            #expect(abs(batch[27 + i] - second[i]) < 1e-6)
        }
    }

    @Test func parametersFollowPyTorchShapesWithOneBias() throws {
        let layer = LSTM(hiddenSize: 256)
        _ = try layer.build(inputShape: [80, 8])
        #expect(layer.parameterSpecs.map(\.name) == ["weight_ih", "weight_hh", "bias"])
        #expect(layer.parameterSpecs.map(\.shape) == [[1024, 8], [1024, 256], [1024]])
    }

    @Test func initialisationIsUniformWithinOneOverSqrtHidden() throws {
        let model = try Sequential(inputShape: [5, 3], layers: [LSTM(hiddenSize: 16)], seed: 2)
        let values = model.parameterVector
        #expect(values.allSatisfy { abs($0) <= 0.25 })
        #expect(values.contains { abs($0) > 0.24 })
    }

    @Test func sequenceOutputBackwardMatchesFiniteDifferences() throws {
        // H = 9 runs both the 8-lane path and the scalar tail of the cell kernels.
        try checkGradients(LSTM(hiddenSize: 9, name: "lstm"), inputShape: [4, 3])
    }

    @Test func lastStepOutputBackwardMatchesFiniteDifferences() throws {
        try checkGradients(LSTM(hiddenSize: 9, returnSequences: false, name: "lstm"), inputShape: [4, 3])
    }

    @Test func smallHiddenSizeBackwardMatchesFiniteDifferences() throws {
        try checkGradients(LSTM(hiddenSize: 2, name: "lstm"), inputShape: [3, 2], batchSize: 2)
    }

    @Test func singleStepBackwardMatchesFiniteDifferences() throws {
        try checkGradients(LSTM(hiddenSize: 3, returnSequences: false, name: "lstm"), inputShape: [1, 2])
    }

    @Test func badConfigurationsAreRejected() {
        #expect(throws: ModelError.invalidConfiguration(layer: "lstm", reason: "hidden size must be positive, got 0")) {
            try LSTM(hiddenSize: 0).build(inputShape: [4, 3])
        }
        #expect(throws: ModelError.shapeMismatch(layer: "lstm", expected: "[steps, features]", actual: [12])) {
            try LSTM(hiddenSize: 4).build(inputShape: [12])
        }
    }
}
