import Testing
import SwiftletTensor
@testable import SwiftletNN
import CAllocationCounter

@Suite struct SequentialTests {
    /// Two Gaussian blobs in 4-D: a linear problem any working trainer solves.
    func blobs(count: Int, seed: UInt64) -> (features: [Float], labels: [Int32]) {
        var generator = SeededGenerator(seed: seed)
        var features: [Float] = []
        var labels: [Int32] = []
        for i in 0..<count {
            let label = Int32(i % 2)
            labels.append(label)
            for d in 0..<4 { features.append(generator.nextNormal() * 0.5 + (label == 0 ? -1 : 1) * Float(d % 2 == 0 ? 1 : -1)) }
        }
        return (features, labels)
    }

    @Test func trainingLowersLossOnSeparableData() throws {
        let model = try Sequential(inputShape: [4], layers: [Dense(16, name: "fc1"), ReLU(name: "r1"), Dense(2, name: "fc2")], seed: 1)
        let data = blobs(count: 64, seed: 2)
        let optimizer = SGD(learningRate: 0.1)
        var first: Float = 0
        var last: Float = 0
        for step in 0..<50 {
            last = try data.features.withUnsafeBufferPointer { x in
                try data.labels.withUnsafeBufferPointer { y in
                    try model.trainStep(input: x, targets: y, batchSize: 64, loss: SoftmaxCrossEntropy(), optimizer: optimizer)
                }
            }
            if step == 0 { first = last }
        }
        #expect(last < first * 0.2)
        let result = try data.features.withUnsafeBufferPointer { x in
            try data.labels.withUnsafeBufferPointer { y in try model.evaluate(inputs: x, labels: y) }
        }
        #expect(result.accuracy > 0.95)
    }

    @Test func trainingStepAllocatesNothingAfterTheFirstCall() throws {
        #expect(swiftlet_allocations_supported() == 1)
        let model = try Sequential(inputShape: [4], layers: [Dense(16, name: "fc1"), ReLU(name: "r1"), Dense(2, name: "fc2")], seed: 1)
        let data = blobs(count: 8, seed: 3)
        let optimizer = SGD(learningRate: 0.1, momentum: 0.9)
        let loss = SoftmaxCrossEntropy()
        try data.features.withUnsafeBufferPointer { x in
            try data.labels.withUnsafeBufferPointer { y in
                try model.trainStep(input: x, targets: y, batchSize: 8, loss: loss, optimizer: optimizer)
                swiftlet_allocations_begin()
                for _ in 0..<5 { try model.trainStep(input: x, targets: y, batchSize: 8, loss: loss, optimizer: optimizer) }
                let allocations = swiftlet_allocations_end()
                #expect(allocations == 0)
            }
        }
    }
}
