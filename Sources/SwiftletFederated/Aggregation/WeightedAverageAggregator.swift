import SwiftletTensor

/// Folds updates into an example-weighted running sum: FedAvg's aggregation in O(model) memory.
///
/// Each ``add(_:)`` reads the update once (``Aggregation/accumulate(weight:values:into:count:pool:)``),
/// spread over the pool's threads; ``average()`` divides by the total weight at the end. Strategies built on
/// the weighted mean (FedAvg, FedAvgM, FedProx, FedAdam, FedYogi, FedAdagrad) share it.
public final class WeightedAverageAggregator: FitAggregator {
    /// The model size.
    public let count: Int
    let sum: AlignedBuffer
    let pool: ComputePool
    /// The sum of the weights added so far.
    public private(set) var totalWeight = 0.0
    public private(set) var updateCount = 0

    /// An empty aggregate of vectors of `count` values.
    public init(count: Int, pool: ComputePool) {
        self.count = count
        self.pool = pool
        sum = AlignedBuffer(count: count)
        sum.buffer.initialize(repeating: 0)
    }

    /// Adds `update.parameters` weighted by its example count.
    public func add(_ update: ClientUpdate) {
        add(update.parameters, weight: update.exampleCount)
    }

    /// Adds `values` with weight `weight`.
    public func add(_ values: [Float], weight: Int) {
        precondition(values.count == count, "WeightedAverageAggregator: \(values.count) values, expected \(count)")
        values.withUnsafeBufferPointer { v in
            Aggregation.accumulate(weight: Float(weight), values: v.baseAddress!, into: sum.baseAddress, count: count, pool: pool)
        }
        totalWeight += Double(weight)
        updateCount += 1
    }

    /// The weighted mean of everything added, or `nil` when nothing was.
    public func average() -> [Float]? {
        guard totalWeight > 0 else { return nil }
        let scale = Float(1 / totalWeight)
        return [Float](unsafeUninitializedCapacity: count) { buffer, initialized in
            let destination = buffer.baseAddress!
            pool.parallelChunks(count, alignment: 16, workPerItem: 1) { _, range in
                for i in range { destination[i] = sum.baseAddress[i] * scale }
            }
            initialized = count
        }
    }
}
