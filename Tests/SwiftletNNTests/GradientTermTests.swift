import Testing
import SwiftletTensor
@testable import SwiftletNN
import CAllocationCounter

@Suite struct GradientTermTests {
    /// One plain-SGD update of a 4-parameter vector whose trainable run is `1..<3`, with the given terms.
    func step(terms: [any GradientTerm], parameters: [Float], gradient: [Float]) -> [Float] {
        var w = parameters
        var g = gradient
        let optimizer = SGD(learningRate: 0.5)
        optimizer.gradientTerms = terms
        let segments = [ParameterSegment(parameterOffset: 1, gradientOffset: 0, count: 2, layer: "fc")]
        w.withUnsafeMutableBufferPointer { wp in
            g.withUnsafeMutableBufferPointer { gp in
                optimizer.update(parameters: wp.baseAddress!, gradients: gp.baseAddress!, segments: segments)
            }
        }
        return w
    }

    @Test func proximalTermPullsTowardsTheAnchor() {
        // g' = g + μ(w − anchor) = (1 + 2·(2 − 1), −1 + 2·(−3 − 0)) = (3, −7); w ← w − 0.5·g' = (0.5, 0.5).
        let term = ProximalTerm(mu: 2, anchor: [100, 1, 0, 100])
        #expect(step(terms: [term], parameters: [9, 2, -3, 9], gradient: [1, -1]) == [9, 0.5, 0.5, 9])
    }

    @Test func proximalTermWithZeroMuLeavesTheUpdateUnchanged() {
        let term = ProximalTerm(mu: 0, anchor: [100, 100, 100, 100])
        #expect(step(terms: [term], parameters: [9, 2, -3, 9], gradient: [1, -1]) == [9, 1.5, -2.5, 9])
    }

    @Test func controlVariateAddsTheCorrection() {
        // c − c_i = (·, 1 − 0.5, −2 − 2, ·) = (0.5, −4) on the run; g' = (1.5, −5); w ← w − 0.5·g' = (1.25, −0.5).
        let term = ControlVariateTerm(server: [7, 1, -2, 7], client: [3, 0.5, 2, 3])
        #expect(term.correction == [4, 0.5, -4, 4])
        #expect(step(terms: [term], parameters: [9, 2, -3, 9], gradient: [1, -1]) == [9, 1.25, -0.5, 9])
    }

    @Test func termsAddUp() {
        // (3, −7) from the proximal term plus (0.5, −4) from the control variate: g' = (3.5, −11).
        let terms: [any GradientTerm] = [ProximalTerm(mu: 2, anchor: [100, 1, 0, 100]),
                                         ControlVariateTerm(correction: [4, 0.5, -4, 4])]
        #expect(step(terms: terms, parameters: [9, 2, -3, 9], gradient: [1, -1]) == [9, 0.25, 2.5, 9])
    }

    @Test func proximalTermLeavesFrozenLayersOfAModelUntouched() throws {
        let model = try Sequential(inputShape: [4], layers: [Dense(8, name: "fc1"), ReLU(name: "r1"), Dense(3, name: "fc2")], seed: 1)
        try model.applyMask(.freezing(["fc1"]))
        let before = model.parameterVector
        let frozen = model.layers[0].parameterCount
        let optimizer = SGD(learningRate: 0.1)
        // An anchor far from every parameter makes the term dominate wherever it is applied.
        optimizer.gradientTerms = [ProximalTerm(mu: 1, anchor: [Float](repeating: 50, count: model.parameterCount))]
        let x: [Float] = [0.1, -0.2, 0.3, 0.4, -0.5, 0.6, -0.7, 0.8]
        let y: [Int32] = [0, 2]
        try x.withUnsafeBufferPointer { xp in
            try y.withUnsafeBufferPointer { yp in
                _ = try model.trainStep(input: xp, targets: yp, batchSize: 2, loss: SoftmaxCrossEntropy(), optimizer: optimizer)
            }
        }
        let after = model.parameterVector
        #expect(Array(after[0..<frozen]) == Array(before[0..<frozen]))
        // Every trainable parameter moved towards 50 by roughly 0.1·(50 − w) ≈ 5.
        for i in frozen..<model.parameterCount { #expect(after[i] - before[i] > 4) }
    }
}

@Suite struct OptimizerAllocationTests {
    @Test func adamStepWithGradientTermsAllocatesNothingAfterTheFirstCall() throws {
        #expect(swiftlet_allocations_supported() == 1)
        let model = try Sequential(inputShape: [4], layers: [Dense(16, name: "fc1"), ReLU(name: "r1"), Dense(2, name: "fc2")], seed: 1)
        let optimizer = Adam(learningRate: 0.01, weightDecay: 0.1)
        optimizer.gradientTerms = [ProximalTerm(mu: 0.1, anchor: model.parameterVector),
                                   ControlVariateTerm(correction: [Float](repeating: 0.01, count: model.parameterCount))]
        let x: [Float] = (0..<32).map { Float($0 % 7) / 7 - 0.5 }
        let y: [Int32] = [0, 1, 1, 0, 1, 0, 0, 1]
        let loss = SoftmaxCrossEntropy()
        try x.withUnsafeBufferPointer { xp in
            try y.withUnsafeBufferPointer { yp in
                _ = try model.trainStep(input: xp, targets: yp, batchSize: 8, loss: loss, optimizer: optimizer)
                swiftlet_allocations_begin()
                for _ in 0..<5 { _ = try model.trainStep(input: xp, targets: yp, batchSize: 8, loss: loss, optimizer: optimizer) }
                #expect(swiftlet_allocations_end() == 0)
            }
        }
    }
}

@Suite struct GradientTermValidationTests {
    func attempt(_ term: any GradientTerm) throws -> (ModelError?, unchanged: Bool) {
        let model = try Sequential(inputShape: [4], layers: [Dense(8, name: "fc1"), ReLU(name: "r1"), Dense(3, name: "fc2")], seed: 1)
        let before = model.parameterVector
        let optimizer = SGD(learningRate: 0.1)
        optimizer.gradientTerms = [term]
        let x: [Float] = [0.1, -0.2, 0.3, 0.4]
        let y: [Int32] = [1]
        do {
            try x.withUnsafeBufferPointer { xp in
                try y.withUnsafeBufferPointer { yp in
                    _ = try model.trainStep(input: xp, targets: yp, batchSize: 1, loss: SoftmaxCrossEntropy(), optimizer: optimizer)
                }
            }
            return (nil, model.parameterVector == before)
        } catch let error as ModelError {
            return (error, model.parameterVector == before)
        }
    }

    @Test func anchorOfWrongLengthIsRejectedBeforeTheStep() throws {
        let result = try attempt(ProximalTerm(mu: 0.1, anchor: [Float](repeating: 0, count: 10)))
        #expect(result.0 == .invalidConfiguration(layer: "ProximalTerm", reason: "anchor has 10 values, the model has 67 parameters"))
        #expect(result.unchanged)
    }

    @Test func nonFiniteCorrectionIsRejectedNamingTheTensor() throws {
        var correction = [Float](repeating: 0, count: 67)
        correction[41] = .infinity  // fc2.weight starts at 40
        let result = try attempt(ControlVariateTerm(correction: correction))
        #expect(result.0 == .invalidConfiguration(layer: "ControlVariateTerm", reason: "correction value for fc2.weight[1] is NaN or infinite"))
        #expect(result.unchanged)
    }
}
