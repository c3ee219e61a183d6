import Testing
import SwiftletTensor
@testable import SwiftletNN
import CAllocationCounter

@Suite struct ConvolutionalModelTests {
    /// LeNet-5 as in the model zoo (LeCun et al. 1998, with max pooling and ReLU).
    func lenet5() throws -> Sequential {
        try Sequential(inputShape: [1, 28, 28], layers: [
            Conv2D(outChannels: 6, kernelSize: 5, padding: 2, name: "conv1"), ReLU(name: "relu1"),
            MaxPool2D(kernelSize: 2, name: "pool1"),
            Conv2D(outChannels: 16, kernelSize: 5, name: "conv2"), ReLU(name: "relu2"),
            MaxPool2D(kernelSize: 2, name: "pool2"), Flatten(),
            Dense(120, name: "fc1"), ReLU(name: "relu3"), Dense(84, name: "fc2"), ReLU(name: "relu4"),
            Dense(10, name: "fc3"),
        ], seed: 1)
    }

    /// Every layer of this change in one small model.
    func mixedModel(pool: ComputePool = .serial) throws -> Sequential {
        try Sequential(inputShape: [2, 8, 8], layers: [
            Conv2D(outChannels: 4, kernelSize: 3, padding: 1, name: "conv1"), ReLU(name: "relu1"),
            MaxPool2D(kernelSize: 2, name: "pool1"),
            DepthwiseConv2D(kernelSize: 3, padding: 1, depthMultiplier: 2, name: "dw"), ReLU(name: "relu2"),
            AvgPool2D(kernelSize: 2, name: "pool2"),
            Conv2D(outChannels: 6, kernelSize: 1, name: "pw"), GlobalAvgPool(name: "gap"),
            Dense(3, name: "fc"),
        ], seed: 2, pool: pool)
    }

    /// Noise images labelled `sample % 3`; the first half of each image is shifted by `label − 1`, so the
    /// label is learnable through pooling.
    func images(count: Int, size: Int, seed: UInt64) -> (inputs: [Float], labels: [Int32]) {
        var generator = SeededGenerator(seed: seed)
        let labels = (0..<count).map { Int32($0 % 3) }
        var inputs: [Float] = []
        for s in 0..<count {
            for i in 0..<size {
                let shift: Float = i < size / 2 ? Float(labels[s] - 1) : 0
                inputs.append(shift + generator.nextFloat(in: -0.5...0.5))
            }
        }
        return (inputs, labels)
    }

    @Test func lenet5HasTheReferenceParameterCountAndShapes() throws {
        let model = try lenet5()
        #expect(model.parameterCount == 61_706)
        #expect(model.shapes[3] == [6, 14, 14])
        #expect(model.shapes[6] == [16, 5, 5])
    }

    @Test func trainingStepWithConvolutionsAllocatesNothingAfterTheFirstCall() throws {
        #expect(swiftlet_allocations_supported() == 1)
        let model = try mixedModel()
        let data = images(count: 4, size: 128, seed: 3)
        let optimizer = SGD(learningRate: 0.05, momentum: 0.9)
        let loss = SoftmaxCrossEntropy()
        try data.inputs.withUnsafeBufferPointer { x in
            try data.labels.withUnsafeBufferPointer { y in
                try model.trainStep(input: x, targets: y, batchSize: 4, loss: loss, optimizer: optimizer)
                swiftlet_allocations_begin()
                for _ in 0..<3 { try model.trainStep(input: x, targets: y, batchSize: 4, loss: loss, optimizer: optimizer) }
                let allocations = swiftlet_allocations_end()
                #expect(allocations == 0)
            }
        }
    }

    @Test func repeatedStepsOnOneBatchLowerTheLoss() throws {
        let model = try mixedModel()
        let data = images(count: 6, size: 128, seed: 4)
        let optimizer = SGD(learningRate: 0.1, momentum: 0.9)
        var losses: [Float] = []
        try data.inputs.withUnsafeBufferPointer { x in
            try data.labels.withUnsafeBufferPointer { y in
                for _ in 0..<30 {
                    losses.append(try model.trainStep(input: x, targets: y, batchSize: 6, loss: SoftmaxCrossEntropy(), optimizer: optimizer))
                }
            }
        }
        #expect(losses.last! < losses.first! * 0.5)
    }

    @Test func trainingGivesIdenticalParametersOnOneAndTwoThreads() throws {
        // Large enough that the pool really splits the convolution GEMMs (≥ 2²⁰ multiply–adds).
        func trained(threads: Int) throws -> [Float] {
            let model = try Sequential(inputShape: [16, 16, 16], layers: [
                Conv2D(outChannels: 32, kernelSize: 3, padding: 1, name: "conv"), ReLU(name: "relu"),
                DepthwiseConv2D(kernelSize: 3, padding: 1, name: "dw"), MaxPool2D(kernelSize: 2, name: "pool"),
                GlobalAvgPool(name: "gap"), Dense(3, name: "fc"),
            ], seed: 5, pool: ComputePool(threads: threads))
            let data = images(count: 2, size: 16 * 16 * 16, seed: 6)
            try data.inputs.withUnsafeBufferPointer { x in
                try data.labels.withUnsafeBufferPointer { y in
                    for _ in 0..<2 {
                        try model.trainStep(input: x, targets: y, batchSize: 2, loss: SoftmaxCrossEntropy(),
                                            optimizer: SGD(learningRate: 0.1))
                    }
                }
            }
            return model.parameterVector
        }
        #expect(try trained(threads: 1) == trained(threads: 2))
    }
}
