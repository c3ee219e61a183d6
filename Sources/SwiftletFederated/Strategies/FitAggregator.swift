/// Folds validated updates into a round's aggregate, one at a time, as they arrive.
///
/// Averaging strategies keep O(model) running sums, so a round's memory does not grow with the number of
/// clients; robust strategies (median, Krum, …) must see every update at once and keep them all, which their
/// documentation says. Aggregators are classes because they own large mutable buffers; one aggregator serves
/// one round and is used from one task at a time.
public protocol FitAggregator: AnyObject {
    /// Adds one update. Updates are validated (right length, finite, positive example count) beforehand.
    func add(_ update: ClientUpdate)
    /// The number of updates added so far.
    var updateCount: Int { get }
}

/// Why a strategy could not produce a new global model from a round's results.
public enum AggregationError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Fewer updates than the strategy needs (Krum needs `n > 2f + 2`, Bulyan `n ≥ 4f + 3`, …).
    case tooFewUpdates(strategy: String, required: Int, actual: Int)
    /// A setting makes the aggregation undefined (a trim fraction of 0.5, a negative learning rate, …).
    case invalidConfiguration(strategy: String, reason: String)
    /// The aggregate holds NaN or infinity (the previous global model is kept).
    case nonFiniteAggregate(strategy: String)

    public var description: String {
        switch self {
        case let .tooFewUpdates(strategy, required, actual): "\(strategy) needs at least \(required) updates, got \(actual)"
        case let .invalidConfiguration(strategy, reason): "\(strategy): \(reason)"
        case .nonFiniteAggregate(let strategy): "\(strategy) produced a non-finite model; the previous model is kept"
        }
    }
}
