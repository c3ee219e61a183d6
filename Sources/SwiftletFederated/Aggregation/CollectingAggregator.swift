import SwiftletTensor

/// Keeps every update of a round — parameters, example counts and nodes — for strategies that must see all
/// updates at once.
///
/// Coordinate-wise medians, trimmed means, Krum and Bulyan rank or sort the updates against each other, so
/// they cannot fold them into a running sum: a round's memory is O(clients × model), one full copy of
/// every accepted update (100 updates of the 1.66 M-parameter `cnn` hold 665 MB). Prefer
/// ``WeightedAverageAggregator`` when the strategy allows it.
public final class CollectingAggregator: FitAggregator {
    /// The model size every update has.
    public let count: Int
    /// Where the strategy runs its aggregation.
    public let pool: ComputePool
    /// Each update's parameters, in the order added.
    public private(set) var parameters: [[Float]] = []
    /// Each update's example count, in the order added.
    public private(set) var exampleCounts: [Int] = []
    /// Each update's node, in the order added.
    public private(set) var nodes: [NodeID] = []

    /// An empty collection of updates of `count` values.
    public init(count: Int, pool: ComputePool) {
        self.count = count
        self.pool = pool
    }

    /// The number of updates added so far.
    public var updateCount: Int { parameters.count }

    /// Keeps `update` (its parameters are shared copy-on-write, not copied).
    public func add(_ update: ClientUpdate) {
        precondition(update.parameters.count == count,
                     "CollectingAggregator: \(update.node) sent \(update.parameters.count) values, expected \(count)")
        parameters.append(update.parameters)
        exampleCounts.append(update.exampleCount)
        nodes.append(update.node)
    }
}
