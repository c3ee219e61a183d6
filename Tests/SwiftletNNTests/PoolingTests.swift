import Testing
import SwiftletTensor
@testable import SwiftletNN

/// `count` distinct values at least 0.05 apart in shuffled order, so finite differences with ε = 0.01
/// never change which input wins a max-pooling window.
private func distinctValues(_ count: Int, seed: UInt64) -> [Float] {
    var values = (0..<count).map { Float($0) * 0.05 - Float(count) * 0.025 }
    var generator = SeededGenerator(seed: seed)
    generator.shuffle(&values)
    return values
}

@Suite struct PoolingTests {
    @Test func maxPoolForwardTakesEachWindowsMaximum() throws {
        let input: [Float] = [1, 3, 2, 4, 5, 7, 6, 8, 9, 2, 3, 1, 0, 4, 4, 2]
        let harness = try LayerHarness(MaxPool2D(kernelSize: 2, name: "p"), inputShape: [1, 4, 4])
        #expect(harness.outputShape == [1, 2, 2])
        #expect(harness.forward(input) == [7, 8, 9, 4])
    }

    @Test func maxPoolPaddingActsAsNegativeInfinity() throws {
        // All inputs negative: zero padding would win every window, −∞ padding never does.
        let harness = try LayerHarness(MaxPool2D(kernelSize: 2, padding: 1, name: "p"), inputShape: [1, 2, 2])
        #expect(harness.outputShape == [1, 2, 2])
        #expect(harness.forward([-1, -2, -3, -4]) == [-1, -2, -3, -4])
    }

    @Test func maxPoolBackwardSendsTiesToTheFirstMaximum() throws {
        let harness = try LayerHarness(MaxPool2D(kernelSize: 2, name: "p"), inputShape: [1, 2, 2])
        #expect(harness.inputGradient(input: [5, 5, 1, 5], outputGradient: [3]) == [3, 0, 0, 0])
    }

    @Test func maxPoolBackwardSumsOverlappingWindowsWinningTheSamePixel() throws {
        // Stride 1 over 1×3: both windows pick the 9 in the middle.
        let harness = try LayerHarness(MaxPool2D(kernelSize: 1, name: "p"), inputShape: [1, 1, 3])
        #expect(harness.inputGradient(input: [1, 9, 2], outputGradient: [1, 2, 3]) == [1, 2, 3])
        let overlapping = try LayerHarness(MaxPool2D(kernelSize: 2, stride: 1, name: "p"), inputShape: [1, 2, 3])
        #expect(overlapping.inputGradient(input: [1, 9, 2, 0, 0, 0], outputGradient: [1, 2]) == [0, 3, 0, 0, 0, 0])
    }

    @Test func maxPoolPropagatesNaN() throws {
        let harness = try LayerHarness(MaxPool2D(kernelSize: 2, name: "p"), inputShape: [1, 2, 2])
        #expect(harness.forward([1, .nan, 3, 2])[0].isNaN)
    }

    @Test func avgPoolCountsPaddingInTheDivisor() throws {
        // 1×2×2 [1, 2; 3, 4], k = 2, stride 1, padding 1: every window sum divided by 4.
        let harness = try LayerHarness(AvgPool2D(kernelSize: 2, stride: 1, padding: 1, name: "p"), inputShape: [1, 2, 2])
        #expect(harness.outputShape == [1, 3, 3])
        #expect(harness.forward([1, 2, 3, 4]) == [0.25, 0.75, 0.5, 1, 2.5, 1.5, 0.75, 1.75, 1])
    }

    @Test func avgPoolBackwardSpreadsGradientEvenly() throws {
        let harness = try LayerHarness(AvgPool2D(kernelSize: 2, name: "p"), inputShape: [1, 2, 4])
        #expect(harness.inputGradient(input: [Float](repeating: 0, count: 8), outputGradient: [4, 8])
                == [1, 1, 2, 2, 1, 1, 2, 2])
    }

    @Test func globalAvgPoolAveragesEachChannel() throws {
        let harness = try LayerHarness(GlobalAvgPool(name: "gap"), inputShape: [2, 2, 2])
        #expect(harness.outputShape == [2])
        #expect(harness.forward([1, 2, 3, 4, 10, 20, 30, 40]) == [2.5, 25])
    }

    @Test func poolingOutputShapesFollowTheFloorFormula() throws {
        #expect(try MaxPool2D(kernelSize: 2).build(inputShape: [6, 28, 28]) == [6, 14, 14])
        #expect(try MaxPool2D(kernelSize: 2).build(inputShape: [3, 7, 5]) == [3, 3, 2])
        #expect(try MaxPool2D(kernelSize: 3, stride: 2, padding: 1).build(inputShape: [4, 112, 112]) == [4, 56, 56])
        #expect(try AvgPool2D(kernelSize: 3, stride: 1, padding: 1).build(inputShape: [2, 5, 6]) == [2, 5, 6])
        #expect(try GlobalAvgPool().build(inputShape: [64, 7, 7]) == [64])
    }
}

@Suite struct PoolingGradientTests {
    @Test func maxPoolBackwardMatchesFiniteDifferences() throws {
        try checkGradients(MaxPool2D(kernelSize: 2, name: "p"), inputShape: [2, 4, 6], input: distinctValues(144, seed: 1))
    }

    @Test func overlappingPaddedMaxPoolBackwardMatchesFiniteDifferences() throws {
        try checkGradients(MaxPool2D(kernelSize: 3, stride: 2, padding: 1, name: "p"), inputShape: [2, 5, 6],
                           input: distinctValues(180, seed: 2))
    }

    @Test func avgPoolBackwardMatchesFiniteDifferences() throws {
        try checkGradients(AvgPool2D(kernelSize: 2, name: "p"), inputShape: [2, 4, 5])
    }

    @Test func overlappingPaddedAvgPoolBackwardMatchesFiniteDifferences() throws {
        try checkGradients(AvgPool2D(kernelSize: 3, stride: 2, padding: 1, name: "p"), inputShape: [2, 5, 6])
    }

    @Test func globalAvgPoolBackwardMatchesFiniteDifferences() throws {
        try checkGradients(GlobalAvgPool(name: "gap"), inputShape: [3, 4, 5])
    }
}

@Suite struct PoolingConfigurationTests {
    @Test func zeroPoolingKernelIsRejected() {
        let error = #expect(throws: ModelError.self) { try MaxPool2D(kernelSize: 0, name: "p1").build(inputShape: [1, 4, 4]) }
        #expect(isInvalidConfiguration(error, layer: "p1"))
    }

    @Test func zeroPoolingStrideIsRejected() {
        let error = #expect(throws: ModelError.self) { try AvgPool2D(kernelSize: 2, stride: 0, name: "p1").build(inputShape: [1, 4, 4]) }
        #expect(isInvalidConfiguration(error, layer: "p1"))
    }

    @Test func poolingPaddingAsLargeAsTheKernelIsRejected() {
        let error = #expect(throws: ModelError.self) { try MaxPool2D(kernelSize: 2, padding: 2, name: "p1").build(inputShape: [1, 4, 4]) }
        #expect(isInvalidConfiguration(error, layer: "p1"))
    }

    @Test func poolingWindowLargerThanTheInputIsAShapeMismatch() {
        let error = #expect(throws: ModelError.self) { try AvgPool2D(kernelSize: 3, name: "p1").build(inputShape: [1, 2, 5]) }
        #expect(isShapeMismatch(error, layer: "p1", actual: [1, 2, 5]))
    }

    @Test func poolingFlatInputIsAShapeMismatch() {
        let error = #expect(throws: ModelError.self) { try MaxPool2D(kernelSize: 2, name: "p1").build(inputShape: [4, 4]) }
        #expect(isShapeMismatch(error, layer: "p1", actual: [4, 4]))
    }

    @Test func globalAvgPoolFlatInputIsAShapeMismatch() {
        let error = #expect(throws: ModelError.self) { try GlobalAvgPool(name: "g1").build(inputShape: [8]) }
        #expect(isShapeMismatch(error, layer: "g1", actual: [8]))
    }
}

@Suite struct MaxPoolFastPathTests {
    /// The generic window loop, for comparison with the vectorised 2×2 path.
    func reference(_ input: [Float], channels: Int, height: Int, width: Int) -> (values: [Float], indices: [Int]) {
        let oh = height / 2, ow = width / 2
        var values: [Float] = [], indices: [Int] = []
        for c in 0..<channels {
            for y in 0..<oh {
                for x in 0..<ow {
                    var best = -Float.infinity, bestIndex = -1
                    for i in 0..<2 {
                        for j in 0..<2 {
                            let index = (2 * y + i) * width + 2 * x + j
                            let v = input[c * height * width + index]
                            if bestIndex < 0 || v > best || v.isNaN { best = v; bestIndex = index }
                        }
                    }
                    values.append(best)
                    indices.append(bestIndex)
                }
            }
        }
        return (values, indices)
    }

    @Test func vectorisedTwoByTwoPoolingMatchesTheWindowLoopIncludingTiesAndNaN() throws {
        // 14 and 10 windows per row: a group of 8 plus an overlapping one; 7, 5 and 4: groups of 4; 3: one by one.
        for (height, width) in [(6, 28), (5, 21), (4, 14), (3, 11), (4, 8), (4, 6)] {
            var generator = SeededGenerator(seed: 9)
            // Few distinct values so ties are common; a NaN sprinkled in.
            var input = (0..<(2 * height * width)).map { _ in Float(generator.nextInt(below: 4)) }
            input[7] = .nan
            let harness = try LayerHarness(MaxPool2D(kernelSize: 2, name: "p"), inputShape: [2, height, width])
            let output = harness.forward(input)
            let expected = reference(input, channels: 2, height: height, width: width)
            #expect(output.count == expected.values.count)
            for i in 0..<output.count {
                #expect(output[i] == expected.values[i] || (output[i].isNaN && expected.values[i].isNaN), "output \(i)")
            }
            // The input gradient for all-ones output gradients counts how often each input won.
            let dX = harness.inputGradient(input: input, outputGradient: [Float](repeating: 1, count: output.count))
            var wins = [Float](repeating: 0, count: input.count)
            let plane = height * width
            for (o, index) in expected.indices.enumerated() { wins[(o / ((height / 2) * (width / 2))) * plane + index] += 1 }
            #expect(dX == wins)
        }
    }
}
