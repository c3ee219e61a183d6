import SwiftletTensor
import Testing
@testable import SwiftletData

@Suite struct LabeledDatasetTests {
    /// Ten samples of shape [2]: sample i holds [i, 10 + i] and label i % 3.
    func dataset() throws -> LabeledDataset {
        try LabeledDataset(sampleShape: [2], features: (0..<10).flatMap { [Float($0), Float(10 + $0)] },
                           labels: (0..<10).map { Int32($0 % 3) }, classCount: 3)
    }

    @Test func batchesCoverEverySampleOnce() throws {
        var generator = SeededGenerator(seed: 1)
        let batches = try dataset().batchIndices(batchSize: 4, generator: &generator)
        #expect(batches.map(\.count) == [4, 4, 2])
        #expect(batches.flatMap { $0 }.sorted() == Array(0..<10))
    }

    @Test func batchOrderIsFixedBySeed() throws {
        var first = SeededGenerator(seed: 9)
        var second = SeededGenerator(seed: 9)
        #expect(try dataset().batchIndices(batchSize: 3, generator: &first) == (try dataset().batchIndices(batchSize: 3, generator: &second)))
    }

    @Test func batchOrderIsTheGeneratorsShuffle() throws {
        var generator = SeededGenerator(seed: 4)
        var reference = SeededGenerator(seed: 4)
        var order = Array(0..<10)
        reference.shuffle(&order)
        #expect(try dataset().batchIndices(batchSize: 5, generator: &generator) == [Array(order[0..<5]), Array(order[5..<10])])
    }

    @Test func dropLastOmitsTheShortBatch() throws {
        var generator = SeededGenerator(seed: 1)
        #expect(try dataset().batchIndices(batchSize: 4, generator: &generator, dropLast: true).map(\.count) == [4, 4])
    }

    @Test func nonPositiveBatchSizeIsRejected() throws {
        var generator = SeededGenerator(seed: 1)
        #expect(throws: DatasetError.invalidBatchSize(0)) { try dataset().batchIndices(batchSize: 0, generator: &generator) }
    }

    @Test func gatherCopiesSamplesAndLabels() throws {
        var features = [Float](repeating: -1, count: 4)
        var labels = [Int32](repeating: -1, count: 2)
        try features.withUnsafeMutableBufferPointer { f in
            try labels.withUnsafeMutableBufferPointer { l in try dataset().gather([7, 2], features: f, labels: l) }
        }
        #expect(features == [7, 17, 2, 12])
        #expect(labels == [1, 2])
    }

    @Test func gatherRejectsAnIndexOutOfRange() throws {
        var features = [Float](repeating: 0, count: 2)
        var labels = [Int32](repeating: 0, count: 1)
        #expect(throws: DatasetError.sampleIndexOutOfRange(index: 10, count: 10)) {
            try features.withUnsafeMutableBufferPointer { f in
                try labels.withUnsafeMutableBufferPointer { l in try dataset().gather([10], features: f, labels: l) }
            }
        }
    }

    @Test func splitPartitionsTheSamples() throws {
        var generator = SeededGenerator(seed: 3)
        let (training, validation) = try dataset().split(validationFraction: 0.3, generator: &generator)
        #expect(training.count == 7)
        #expect(validation.count == 3)
        // Feature 0 of each sample is its original index.
        let indices = (training.features + validation.features).enumerated().filter { $0.offset % 2 == 0 }.map { Int($0.element) }
        #expect(indices.sorted() == Array(0..<10))
        #expect(training.labels.enumerated().allSatisfy { Int($0.element) == Int(training.features[2 * $0.offset]) % 3 })
    }

    @Test func splitFractionOutsideUnitRangeIsRejected() throws {
        var generator = SeededGenerator(seed: 3)
        #expect(throws: DatasetError.invalidSplitFraction(1.5)) { try dataset().split(validationFraction: 1.5, generator: &generator) }
    }
}
