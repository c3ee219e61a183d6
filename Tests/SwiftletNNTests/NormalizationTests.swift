import Testing
import SwiftletTensor
@testable import SwiftletNN

@Suite struct NormalizationTests {
    @Test func layerNormOfOneTwoThreeIsPlusMinusSqrtThreeHalves() throws {
        // mean 2, biased variance 2/3: (x − 2)/√(2/3 + 1e−5) = ∓1.2247357 (float64 reference), 0.
        let y = try runLayer(LayerNorm(), inputShape: [3], input: [1, 2, 3])
        #expect(abs(y[0] + 1.2247357) < 1e-6 && y[1] == 0 && abs(y[2] - 1.2247357) < 1e-6)
    }

    @Test func layerNormAppliesWeightAndBiasPerFeatureOnEveryRow() throws {
        // Rows [1, 2, 3] and [6, 4, 2]; expected values from a float64 reference (x̂ · w + b per column).
        let y = try runLayer(LayerNorm(), inputShape: [2, 3], input: [1, 2, 3, 6, 4, 2],
                             parameters: [2, 1, -1, 0.5, 0, 1])
        let expected: [Float] = [-1.9494714, 0, -0.2247357, 2.9494852, 0, 2.2247426]
        for i in 0..<6 { #expect(abs(y[i] - expected[i]) < 2e-6, "element \(i)") }
    }

    @Test func layerNormBackwardMatchesFiniteDifferences() throws {
        try checkGradients(LayerNorm(name: "ln"), inputShape: [3, 5])
    }

    @Test func groupNormNormalisesEachGroupSeparately() throws {
        // Channels [1], [3] form group 0 (mean 2, var 1); [10], [20] group 1 (mean 15, var 25).
        // Float64 reference: ±1/√(1 + 1e−5) = ±0.999995, ±5/√(25 + 1e−5) = ±0.9999998.
        let y = try runLayer(GroupNorm(groups: 2), inputShape: [4, 1], input: [1, 3, 10, 20],
                             parameters: [1, 2, 1, 3, 0, 0, 0.5, 0])
        let expected: [Float] = [-0.999995, 2 * 0.999995, -0.9999998 + 0.5, 3 * 0.9999998]
        for i in 0..<4 { #expect(abs(y[i] - expected[i]) < 2e-6, "element \(i)") }
    }

    @Test func groupNormWithOneGroupPerChannelIsInstanceNorm() throws {
        // [2, 2] with 2 groups: each channel normalised over its two positions → (−1, 1) up to ε.
        let y = try runLayer(GroupNorm(groups: 2), inputShape: [2, 2], input: [5, 7, -1, -3])
        let v = Float(1 / (1 + 1e-5 as Double).squareRoot())
        #expect(abs(y[0] + v) < 1e-6 && abs(y[1] - v) < 1e-6 && abs(y[2] - v) < 1e-6 && abs(y[3] + v) < 1e-6)
    }

    @Test func groupNormBackwardMatchesFiniteDifferences() throws {
        try checkGradients(GroupNorm(groups: 2, name: "gn"), inputShape: [4, 3, 2])
    }

    @Test func groupNormOverFlatFeaturesBackwardMatchesFiniteDifferences() throws {
        try checkGradients(GroupNorm(groups: 2, name: "gn"), inputShape: [6])
    }

    @Test func groupsThatDoNotDivideTheChannelsAreRejected() {
        #expect(throws: ModelError.invalidConfiguration(layer: "gn", reason: "4 channels cannot be split into 3 equal groups")) {
            try GroupNorm(groups: 3, name: "gn").build(inputShape: [4, 5, 5])
        }
        #expect(throws: ModelError.self) { try GroupNorm(groups: 0).build(inputShape: [4]) }
    }

    @Test func nonPositiveEpsilonIsRejected() {
        #expect(throws: ModelError.self) { try LayerNorm(epsilon: 0).build(inputShape: [4]) }
        #expect(throws: ModelError.self) { try GroupNorm(groups: 1, epsilon: -1).build(inputShape: [4]) }
    }

    @Test func inverseSquareRootIsAccurateToSinglePrecision() {
        for x: Float in [1e-5, 0.01, 0.6666767, 1, 2, 25.00001, 1e6, 3e30] {
            let reference = Float(1 / Double(x).squareRoot())
            #expect(abs(Kernels.inverseSquareRoot(x) - reference) / reference < 3e-7, "x = \(x)")
        }
    }
}
