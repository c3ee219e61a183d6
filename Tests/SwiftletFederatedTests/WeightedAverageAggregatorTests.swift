import SwiftletFederated
import SwiftletTensor
import Testing

@Suite struct WeightedAverageAggregatorTests {
    /// `count` seeded vectors of `length` values and their example counts.
    func updates(_ count: Int, length: Int, seed: UInt64) -> [ClientUpdate] {
        var generator = SeededGenerator(seed: seed)
        return (0..<count).map { i in
            ClientUpdate(node: NodeID(UInt64(i)), parameters: (0..<length).map { _ in generator.nextFloat(in: -1...1) },
                         exampleCount: 1 + generator.nextInt(below: 600))
        }
    }

    func average(_ updates: [ClientUpdate], pool: ComputePool) -> [Float]? {
        let aggregator = WeightedAverageAggregator(count: updates[0].parameters.count, pool: pool)
        for update in updates { aggregator.add(update) }
        return aggregator.average()
    }

    @Test func averageIsExampleWeightedMean() {
        // (1·[1, 2, 3] + 3·[5, 6, 7]) / 4 = [4, 5, 6]
        let aggregator = WeightedAverageAggregator(count: 3, pool: .serial)
        aggregator.add(ClientUpdate(node: 1, parameters: [1, 2, 3], exampleCount: 1))
        aggregator.add(ClientUpdate(node: 2, parameters: [5, 6, 7], exampleCount: 3))
        #expect(aggregator.average() == [4, 5, 6])
    }

    @Test func moreUpdatesThanOneBatchAreAllCounted() {
        // Six updates x_k = [k, 10] with weight k (a full batch of four, then two pending):
        // Σ k·k = 91 and Σ 10·k = 210 (exact in Float), over Σ k = 21.
        let aggregator = WeightedAverageAggregator(count: 2, pool: .serial)
        for k in 1...6 { aggregator.add([Float(k), 10], weight: k) }
        #expect(aggregator.updateCount == 6)
        #expect(aggregator.totalWeight == 21)
        #expect(aggregator.average() == [91 * Float(1.0 / 21.0), 210 * Float(1.0 / 21.0)])
    }

    @Test func averageOfNothingIsNil() {
        #expect(WeightedAverageAggregator(count: 4, pool: .serial).average() == nil)
    }

    @Test func averageCanBeTakenTwice() {
        let aggregator = WeightedAverageAggregator(count: 2, pool: .serial)
        aggregator.add([2, 4], weight: 4)
        let first = aggregator.average()
        #expect(first == [2, 4])
        #expect(aggregator.average() == first)
    }

    @Test func poolSizesOneAndTwoGiveIdenticalSums() {
        // 100,003 values × a batch of 4 is enough work for the pool to split; 7 updates leave a partial batch.
        let updates = updates(7, length: 100_003, seed: 11)
        let serial = average(updates, pool: .serial)!
        let parallel = average(updates, pool: ComputePool(threads: 2))!
        #expect(serial.map(\.bitPattern) == parallel.map(\.bitPattern))
    }

    @Test func matchesTheOneAtATimeReferenceBitForBit() {
        // Aggregation.weightedAverage folds one update per pass; the aggregator folds four per pass.
        let updates = updates(9, length: 1_001, seed: 12)
        let reference = Aggregation.weightedAverage(updates.map(\.parameters), weights: updates.map(\.exampleCount))
        let batched = average(updates, pool: .serial)!
        #expect(batched.map(\.bitPattern) == reference.map(\.bitPattern))
    }
}
