import Testing
import SwiftletTensor
@testable import SwiftletNN

/// The convolution's faster paths: row-sliced products (more than 12 output channels or patch rows) and the
/// register-summing input-gradient fold of unpadded stride-1 convolutions on images at most 16 pixels wide.
@Suite struct ConvolutionFastPathTests {
    @Test func unpaddedConv2DOnSixteenWideImageBackwardMatchesFiniteDifferences() throws {
        // Width 16 takes the fold's two-vector store; 14 output channels make two row slices (12 + 2).
        try checkGradients(Conv2D(outChannels: 14, kernelSize: 5, name: "c"), inputShape: [2, 6, 16], batchSize: 2)
    }

    @Test func unpaddedConv2DOnLeNetSizedImageBackwardMatchesFiniteDifferences() throws {
        // LeNet-5's second convolution, scaled down in channels: 14×14 images, k = 5, runs of 10 pixels.
        try checkGradients(Conv2D(outChannels: 3, kernelSize: 5, name: "c"), inputShape: [2, 14, 14], batchSize: 2)
    }

    @Test func samePaddedConv2DWithManyFiltersBackwardMatchesFiniteDifferences() throws {
        // 26 output channels and 2·5·5 = 50 patch rows: both products run as several 12-row slices.
        try checkGradients(Conv2D(outChannels: 26, kernelSize: 5, padding: 2, name: "c"), inputShape: [2, 5, 6],
                           batchSize: 2)
    }

    @Test func unpaddedConv2DForwardMatchesHandComputedSums() throws {
        // One 3×3 image 1…9, two 2×2 all-ones filters with biases 0 and 10: each output is its window's sum.
        let harness = try LayerHarness(Conv2D(outChannels: 2, kernelSize: 2, name: "c"), inputShape: [1, 3, 3],
                                       parameters: [1, 1, 1, 1, 1, 1, 1, 1, 0, 10])
        #expect(harness.forward([1, 2, 3, 4, 5, 6, 7, 8, 9]) == [12, 16, 24, 28, 22, 26, 34, 38])
    }

    @Test func largeConvolutionsGiveIdenticalParametersOnOneAndTwoThreads() throws {
        // Each product here is above the 2²² multiply–adds at which work is split: the first layer's
        // row-dot weight gradient (16 × 1000 × 256) and both layers' sliced products run on two threads.
        func trained(threads: Int) throws -> [Float] {
            let model = try Sequential(inputShape: [40, 16, 16], layers: [
                Conv2D(outChannels: 16, kernelSize: 5, padding: 2, name: "conv1"), ReLU(name: "relu1"),
                Conv2D(outChannels: 48, kernelSize: 5, padding: 2, name: "conv2"),
                GlobalAvgPool(name: "gap"), Dense(3, name: "fc"),
            ], seed: 8, pool: ComputePool(threads: threads))
            var generator = SeededGenerator(seed: 9)
            let inputs = (0..<(2 * 40 * 16 * 16)).map { _ in generator.nextFloat(in: -1...1) }
            let labels: [Int32] = [1, 2]
            try inputs.withUnsafeBufferPointer { x in
                try labels.withUnsafeBufferPointer { y in
                    _ = try model.trainStep(input: x, targets: y, batchSize: 2, loss: SoftmaxCrossEntropy(),
                                            optimizer: SGD(learningRate: 0.1))
                }
            }
            return model.parameterVector
        }
        #expect(try trained(threads: 1) == trained(threads: 2))
    }

    @Test func lenet5TrainingGivesIdenticalParametersOnOneAndTwoThreads() throws {
        func trained(threads: Int) throws -> [Float] {
            let model = try Sequential(preset: .lenet5, seed: 3, pool: ComputePool(threads: threads))
            var generator = SeededGenerator(seed: 4)
            let inputs = (0..<(4 * 784)).map { _ in generator.nextFloat(in: 0...1) }
            let labels: [Int32] = [0, 3, 7, 9]
            try inputs.withUnsafeBufferPointer { x in
                try labels.withUnsafeBufferPointer { y in
                    for _ in 0..<2 {
                        try model.trainStep(input: x, targets: y, batchSize: 4, loss: SoftmaxCrossEntropy(),
                                            optimizer: SGD(learningRate: 0.05))
                    }
                }
            }
            return model.parameterVector
        }
        #expect(try trained(threads: 1) == trained(threads: 2))
    }
}
