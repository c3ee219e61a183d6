import Testing
import SwiftletTensor
@testable import SwiftletNN

/// Runs `steps` updates of `optimizer` on `L(w) = (w₀ − ½)² + 3w₁²` from `w = (1, −2)`, returning `w` after each.
///
/// The expected values in these tests come from the PyTorch update rules (the formulas in each optimizer's
/// documentation) evaluated step by step in double precision; the derivation is written next to each.
func optimizerTrajectory(_ optimizer: some Optimizer, steps: Int) -> [[Float]] {
    var w: [Float] = [1, -2]
    var history: [[Float]] = []
    let segments = [ParameterSegment(parameterOffset: 0, gradientOffset: 0, count: 2, layer: "p")]
    for _ in 0..<steps {
        var g: [Float] = [2 * (w[0] - 0.5), 6 * w[1]]
        w.withUnsafeMutableBufferPointer { wp in
            g.withUnsafeMutableBufferPointer { gp in
                optimizer.update(parameters: wp.baseAddress!, gradients: gp.baseAddress!, segments: segments)
            }
        }
        history.append(w)
    }
    return history
}

func expectTrajectory(_ actual: [[Float]], _ expected: [[Double]], tolerance: Double = 2e-6,
                      sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(actual.count == expected.count, sourceLocation: sourceLocation)
    for (step, (a, e)) in zip(actual, expected).enumerated() {
        for i in 0..<2 {
            #expect(abs(Double(a[i]) - e[i]) <= tolerance * max(1, abs(e[i])),
                    "step \(step + 1), w[\(i)]: \(a[i]) vs \(e[i])", sourceLocation: sourceLocation)
        }
    }
}

@Suite struct OptimizerTests {
    @Test func plainSGDFollowsTheGradient() {
        // w ← w − 0.1·g: g₁ = (1, −12) → (0.9, −0.8); g₂ = (0.8, −4.8) → (0.82, −0.32); g₃ = (0.64, −1.92).
        expectTrajectory(optimizerTrajectory(SGD(learningRate: 0.1), steps: 3),
                         [[0.9, -0.8], [0.82, -0.32], [0.756, -0.128]])
    }

    @Test func sgdMomentumAccumulatesVelocity() {
        // b₁ = g₁ = (1, −12); b₂ = 0.9·b₁ + g₂ = (0.8 + 0.9, −4.8 − 10.8) = (1.7, −15.6) → w₂ = (0.73, 0.76).
        expectTrajectory(optimizerTrajectory(SGD(learningRate: 0.1, momentum: 0.9), steps: 3),
                         [[0.9, -0.8], [0.73, 0.76], [0.531, 1.708]])
    }

    @Test func sgdNesterovLooksAhead() {
        // b₁ = g₁ = (1, −12); step direction g₁ + 0.9·b₁ = (1.9, −22.8) → w₁ = (0.81, 0.28).
        expectTrajectory(optimizerTrajectory(SGD(learningRate: 0.1, momentum: 0.9, nesterov: true), steps: 3),
                         [[0.81, 0.28], [0.6112, 0.9328], [0.445824, 0.608128]])
    }

    @Test func sgdWeightDecayAddsL2Gradient() {
        // g ← g + 0.5·w: g₁ = (1 + 0.5, −12 − 1) → w₁ = (0.85, −0.7).
        expectTrajectory(optimizerTrajectory(SGD(learningRate: 0.1, weightDecay: 0.5), steps: 3),
                         [[0.85, -0.7], [0.7375, -0.245], [0.653125, -0.08575]])
    }

    @Test func adamMatchesPyTorchUpdateRule() {
        // Step 1: m = 0.1·g, v = 0.001·g², m̂/√v̂ = sign(g) → w moves by 0.1 against the gradient's sign
        // (less ε's share). Steps 2–3 from the same recurrences in double precision.
        expectTrajectory(optimizerTrajectory(Adam(learningRate: 0.1), steps: 3),
                         [[0.900000001, -1.9000000000833333],
                          [0.8011874216591668, -1.8001664857787731],
                          [0.7048712525602996, -1.7006233915360325]])
    }

    @Test func adamWeightDecayIsAddedToTheGradient() {
        // g ← g + 1.0·w before the moments: g₁ = (1 + 1, −12 − 2); the ratio of the two gradients seen by
        // the moments changes, so w₀ drifts from plain Adam from step 2 on.
        expectTrajectory(optimizerTrajectory(Adam(learningRate: 0.1, weightDecay: 1.0), steps: 3),
                         [[0.9000000005, -1.9000000000714286],
                          [0.800748443382818, -1.800166485754707],
                          [0.7029704940663027, -1.7006233914995732]])
    }

    @Test func adamWDecaysWeightsOutsideTheAdaptiveStep() {
        // w ← (1 − 0.1·0.5)·w, then the plain Adam step: w₁ = 0.95·(1, −2) − 0.1·(1, −1) = (0.85, −1.8).
        expectTrajectory(optimizerTrajectory(AdamW(learningRate: 0.1, weightDecay: 0.5), steps: 3),
                         [[0.850000001, -1.8000000000833332],
                          [0.7099279520001632, -1.6104122278374124],
                          [0.582322103624958, -1.431025243169833]])
    }

    @Test func adamResetRestartsBiasCorrection() {
        let adam = Adam(learningRate: 0.1)
        _ = optimizerTrajectory(adam, steps: 2)
        #expect(adam.stepCount == 2)
        adam.reset()
        #expect(adam.stepCount == 0)
        // After a reset the first step is again a full ±η step from w = (1, −2).
        expectTrajectory(optimizerTrajectory(adam, steps: 1), [[0.900000001, -1.9000000000833333]])
    }

    @Test func optimizersDeclareTheirStateSize() {
        #expect(SGD(learningRate: 0.1).stateScalarsPerParameter == 0)
        #expect(SGD(learningRate: 0.1, momentum: 0.9).stateScalarsPerParameter == 1)
        #expect(Adam().stateScalarsPerParameter == 2)
        #expect(AdamW().stateScalarsPerParameter == 2)
    }

    @Test func adamUpdatesOnlyTheSegmentsItIsGiven() {
        // Parameters 0 and 3 are frozen; the trainable run 1..<3 keeps its gradient at offset 0.
        var w: [Float] = [5, 1, -2, 7]
        var g: [Float] = [1, -12]
        let segments = [ParameterSegment(parameterOffset: 1, gradientOffset: 0, count: 2, layer: "p")]
        w.withUnsafeMutableBufferPointer { wp in
            g.withUnsafeMutableBufferPointer { gp in
                AdamW(learningRate: 0.1, weightDecay: 0.5).update(parameters: wp.baseAddress!, gradients: gp.baseAddress!, segments: segments)
            }
        }
        #expect(w[0] == 5 && w[3] == 7)
        #expect(abs(w[1] - 0.85) < 1e-6 && abs(w[2] + 1.8) < 1e-6)
    }
}
