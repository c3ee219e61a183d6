import SwiftletTensor
import Testing
@testable import SwiftletData

@Suite struct PartitionerTests {
    @Test func iidCoversEverySampleOnceWithSizesDifferingByAtMostOne() throws {
        var generator = SeededGenerator(seed: 3)
        let parts = try Partitioner.iid(count: 23, clients: 5, generator: &generator)
        #expect(parts.map(\.count) == [5, 5, 5, 4, 4])
        #expect(parts.flatMap { $0 }.sorted() == Array(0..<23))
    }

    @Test func iidIsFixedBySeed() throws {
        var a = SeededGenerator(seed: 9), b = SeededGenerator(seed: 9), c = SeededGenerator(seed: 10)
        let first = try Partitioner.iid(count: 100, clients: 7, generator: &a)
        #expect(try Partitioner.iid(count: 100, clients: 7, generator: &b) == first)
        #expect(try Partitioner.iid(count: 100, clients: 7, generator: &c) != first)
    }

    @Test func shardsGiveEachClientTwoLabelRuns() throws {
        // 4 classes × 6 samples, interleaved; 4 clients × 2 shards of 3: every shard holds one class.
        let labels: [Int32] = (0..<24).map { Int32($0 % 4) }
        var generator = SeededGenerator(seed: 1)
        let parts = try Partitioner.shards(labels: labels, clients: 4, shardsPerClient: 2, generator: &generator)
        #expect(parts.map(\.count) == [6, 6, 6, 6])
        #expect(parts.flatMap { $0 }.sorted() == Array(0..<24))
        for part in parts {
            let first = Set(part[0..<3].map { labels[$0] }), second = Set(part[3..<6].map { labels[$0] })
            #expect(first.count == 1 && second.count == 1)
        }
    }

    @Test func shardsSortStablyByLabelThenIndex() throws {
        // One client, two shards: the shuffled shard order decides which half comes first; each half is sorted.
        let labels: [Int32] = [1, 0, 1, 0]
        var generator = SeededGenerator(seed: 5)
        let parts = try Partitioner.shards(labels: labels, clients: 1, shardsPerClient: 2, generator: &generator)
        #expect(Set([parts[0][0..<2], parts[0][2..<4]].map(Array.init)) == [[1, 3], [0, 2]])
    }

    @Test func tooFewSamplesIsAnError() {
        var generator = SeededGenerator(seed: 1)
        #expect(throws: PartitionError.tooFewSamples(samples: 3, pieces: 4)) {
            try Partitioner.iid(count: 3, clients: 4, generator: &generator)
        }
        #expect(throws: PartitionError.tooFewSamples(samples: 5, pieces: 6)) {
            try Partitioner.shards(labels: [0, 1, 2, 3, 4], clients: 3, generator: &generator)
        }
        #expect(throws: PartitionError.invalidClientCount(0)) {
            try Partitioner.iid(count: 3, clients: 0, generator: &generator)
        }
    }
}
