import SwiftletTensor

/// How many of the available nodes a round uses, and how many must be available before it starts.
///
/// Flower's `fraction_fit`, `min_fit_clients` and `min_available_clients`: a round samples
/// `max(minimum, ⌊fraction × available⌋)` nodes, capped at the number available, and the engine waits
/// until `minimumAvailable` nodes have joined before it samples at all.
public struct SamplingPolicy: Sendable, Equatable, Codable {
    /// The fraction of available nodes to sample, in `0...1`.
    public var fraction: Double
    /// The fewest nodes a round samples, and the fewest results a round needs to succeed.
    public var minimum: Int
    /// The fewest nodes that must be available before a round starts.
    public var minimumAvailable: Int

    /// Creates a policy.
    public init(fraction: Double = 1, minimum: Int = 2, minimumAvailable: Int = 2) {
        self.fraction = fraction
        self.minimum = minimum
        self.minimumAvailable = minimumAvailable
    }

    /// The number of nodes to sample from `available` nodes, or `nil` when fewer than ``minimumAvailable``
    /// or ``minimum`` are available.
    ///
    /// A fraction outside `0...1` is clamped to it (NaN counts as 0), so a bad setting samples the minimum or
    /// everyone rather than trapping.
    public func sampleSize(available: Int) -> Int? {
        guard available >= max(minimumAvailable, minimum, 1) else { return nil }
        // Clamped first: converting a NaN, infinite or huge product to `Int` would trap.
        let clamped = fraction.isNaN ? 0 : min(max(fraction, 0), 1)
        // The nudge undoes binary rounding such as 0.29 × 100 = 28.999999999999996, which must count as 29;
        // it is far below any real fractional part for fleets of up to millions of nodes.
        let wanted = Int((clamped * Double(available) + 1e-9).rounded(.down))
        return min(available, max(minimum, wanted, 1))
    }

    /// Draws ``sampleSize(available:)`` distinct nodes uniformly from `nodes`, in draw order.
    ///
    /// The nodes are sorted by id first, so the draw depends only on the set of nodes and the generator, not
    /// on the order they joined. Returns `nil` when too few are available.
    public func sample(from nodes: [NodeID], generator: inout SeededGenerator) -> [NodeID]? {
        guard let size = sampleSize(available: nodes.count) else { return nil }
        var pool = nodes.sorted()
        // Partial Fisher–Yates: the first `size` slots end up a uniform sample without replacement.
        for i in 0..<size {
            let j = i + generator.nextInt(below: pool.count - i)
            pool.swapAt(i, j)
        }
        return Array(pool[0..<size])
    }
}
