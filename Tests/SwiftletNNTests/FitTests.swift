import Testing
import SwiftletTensor
@testable import SwiftletNN
import CAllocationCounter

@Suite struct FitTests {
    /// Three Gaussian clusters in `dimensions`-D around well-separated centres: a seeded 3-class problem.
    func clusters(count: Int, dimensions: Int = 2, seed: UInt64) -> (features: [Float], labels: [Int32]) {
        var generator = SeededGenerator(seed: seed)
        var features: [Float] = []
        var labels: [Int32] = []
        for i in 0..<count {
            let label = i % 3
            labels.append(Int32(label))
            for d in 0..<dimensions {
                let centre: Float = d % 3 == label ? 2 : -1
                features.append(centre + 0.4 * generator.nextNormal())
            }
        }
        return (features, labels)
    }

    func mlp(inputs: Int = 2, hidden: Int = 16, seed: UInt64 = 1, pool: ComputePool = .serial) throws -> Sequential {
        try Sequential(inputShape: [inputs], layers: [Dense(hidden, name: "fc1"), ReLU(name: "relu"), Dense(3, name: "fc2")],
                       seed: seed, pool: pool)
    }

    @Test func twoLayerMLPReachesHighAccuracy() throws {
        let data = clusters(count: 150, seed: 3)
        let model = try mlp()
        var generator = SeededGenerator(seed: 9)
        let history = try model.fit(features: data.features, labels: data.labels, epochs: 15, batchSize: 16,
                                    optimizer: Adam(learningRate: 0.02), generator: &generator)
        #expect(history.count == 15)
        #expect(history.last!.loss < history.first!.loss * 0.5)
        #expect(history.last!.accuracy > 0.95)
        let result = try data.features.withUnsafeBufferPointer { x in
            try data.labels.withUnsafeBufferPointer { y in try model.evaluate(inputs: x, labels: y) }
        }
        #expect(result.accuracy > 0.95)
    }

    @Test func lastPartialBatchIsTrained() throws {
        // 10 samples in batches of 4: steps of 4, 4 and 2 per epoch.
        let data = clusters(count: 10, seed: 4)
        let model = try mlp()
        var generator = SeededGenerator(seed: 1)
        try model.fit(features: data.features, labels: data.labels, epochs: 2, batchSize: 4,
                      optimizer: SGD(learningRate: 0.1), generator: &generator)
        #expect(model.step == 6)
    }

    @Test func epochLossIsTheSampleWeightedMeanOfBatchLosses() throws {
        // With a zero learning rate the parameters never change, so the epoch loss must equal evaluate's.
        let data = clusters(count: 10, seed: 5)
        let model = try mlp()
        var generator = SeededGenerator(seed: 1)
        let history = try model.fit(features: data.features, labels: data.labels, epochs: 1, batchSize: 4,
                                    optimizer: SGD(learningRate: 0), generator: &generator)
        let reference = try data.features.withUnsafeBufferPointer { x in
            try data.labels.withUnsafeBufferPointer { y in try model.evaluate(inputs: x, labels: y) }
        }
        #expect(abs(history[0].loss - reference.loss) < 1e-5)
        #expect(history[0].accuracy == reference.accuracy)
    }

    @Test func sameSeedGivesBitIdenticalParameters() throws {
        let data = clusters(count: 60, seed: 6)
        func train() throws -> [Float] {
            let model = try mlp(seed: 2)
            var generator = SeededGenerator(seed: 42)
            try model.fit(features: data.features, labels: data.labels, epochs: 3, batchSize: 8,
                          optimizer: AdamW(learningRate: 0.01), generator: &generator)
            return model.parameterVector
        }
        #expect(try train() == train())
    }

    @Test func differentShuffleSeedsGiveDifferentParameters() throws {
        let data = clusters(count: 60, seed: 6)
        func train(seed: UInt64) throws -> [Float] {
            let model = try mlp(seed: 2)
            var generator = SeededGenerator(seed: seed)
            try model.fit(features: data.features, labels: data.labels, epochs: 2, batchSize: 8,
                          optimizer: SGD(learningRate: 0.1), generator: &generator)
            return model.parameterVector
        }
        #expect(try train(seed: 1) != train(seed: 2))
    }

    @Test func resultsDoNotDependOnThreadCount() throws {
        // Wide enough (32 × 512 × 64 multiply–adds) that the pool really splits the products over threads.
        let data = clusters(count: 80, dimensions: 64, seed: 7)
        func train(_ pool: ComputePool) throws -> ([Float], [EpochResult]) {
            let model = try mlp(inputs: 64, hidden: 512, seed: 3, pool: pool)
            var generator = SeededGenerator(seed: 5)
            let history = try model.fit(features: data.features, labels: data.labels, epochs: 2, batchSize: 32,
                                        optimizer: SGD(learningRate: 0.05, momentum: 0.9), generator: &generator)
            return (model.parameterVector, history)
        }
        let serial = try train(.serial)
        let threaded = try train(ComputePool(threads: 2))
        #expect(serial.0 == threaded.0)
        #expect(serial.1 == threaded.1)
    }

    @Test func outOfRangeLabelNamesItsSampleBeforeAnyUpdate() throws {
        var data = clusters(count: 10, seed: 8)
        data.labels[7] = 5
        let model = try mlp()
        let before = model.parameterVector
        var generator = SeededGenerator(seed: 1)
        #expect(throws: ModelError.labelOutOfRange(sample: 7, label: 5, classes: 3)) {
            try model.fit(features: data.features, labels: data.labels, epochs: 1, batchSize: 4,
                          optimizer: SGD(learningRate: 0.1), generator: &generator)
        }
        #expect(model.parameterVector == before)
    }

    @Test func nonFiniteFeatureNamesItsSample() throws {
        var data = clusters(count: 10, seed: 8)
        data.features[2 * 6 + 1] = .nan
        let model = try mlp()
        var generator = SeededGenerator(seed: 1)
        #expect(throws: ModelError.nonFiniteInput(sample: 6, index: 1)) {
            try model.fit(features: data.features, labels: data.labels, epochs: 1, batchSize: 4,
                          optimizer: SGD(learningRate: 0.1), generator: &generator)
        }
    }

    @Test func mismatchedFeatureCountThrows() throws {
        let model = try mlp()
        var generator = SeededGenerator(seed: 1)
        #expect(throws: ModelError.inputSizeMismatch(expected: 6, actual: 5)) {
            try model.fit(features: [1, 2, 3, 4, 5], labels: [0, 1, 2], epochs: 1, batchSize: 2,
                          optimizer: SGD(learningRate: 0.1), generator: &generator)
        }
    }

    @Test func epochsAndBatchesAllocateNothing() throws {
        // fit allocates its batch buffer, sample order and result list once per call; a call with four
        // epochs of three batches (the last partial) must allocate exactly as much as a call with one.
        #expect(swiftlet_allocations_supported() == 1)
        let data = clusters(count: 10, seed: 9)
        let model = try mlp()
        let optimizer = Adam(learningRate: 0.01)
        var generator = SeededGenerator(seed: 1)
        func allocations(epochs: Int) throws -> Int {
            swiftlet_allocations_begin()
            try model.fit(features: data.features, labels: data.labels, epochs: epochs, batchSize: 4,
                          optimizer: optimizer, generator: &generator)
            return Int(swiftlet_allocations_end())
        }
        _ = try allocations(epochs: 1)  // plans buffers and allocates optimizer state
        #expect(try allocations(epochs: 4) == allocations(epochs: 1))
    }

    @Test func shuffleDrawsTheSamePermutationAsSeededGenerator() {
        var a = SeededGenerator(seed: 77)
        var b = a
        var reference = Array(0..<50)
        var order = reference
        a.shuffle(&reference)
        Sequential.shuffle(&order, generator: &b)
        #expect(order == reference)
        #expect(a == b)
    }
}
