/// What a strategy carries from one round to the next, as plain named values a checkpoint can store.
///
/// Arrays hold per-parameter state (server momentum, adaptive moments, control variates): one value per
/// model parameter, so the engine refuses to resume a checkpoint whose state arrays do not match its
/// model's length. Scalars hold counters and anything else small. Stateless strategies have an empty state.
public struct StrategyState: Sendable, Equatable {
    /// Named per-parameter arrays.
    public var arrays: [String: ArrayRecord]
    /// Named real scalars.
    public var doubles: [String: Double]
    /// Named integer scalars (step counters and the like).
    public var ints: [String: Int]

    /// Creates a state; the default is empty.
    public init(arrays: [String: ArrayRecord] = [:], doubles: [String: Double] = [:], ints: [String: Int] = [:]) {
        self.arrays = arrays
        self.doubles = doubles
        self.ints = ints
    }

    /// Whether the state holds nothing at all.
    public var isEmpty: Bool { arrays.isEmpty && doubles.isEmpty && ints.isEmpty }

    /// Checks the state holds exactly these names, so a state from another strategy or version is refused
    /// rather than half-applied.
    ///
    /// - Throws: ``CheckpointError/incompatibleState(strategy:reason:)`` naming the first missing or
    ///   unexpected entry.
    public func expect(arrays arrayNames: Set<String> = [], doubles doubleNames: Set<String> = [],
                       ints intNames: Set<String> = [], strategy: String) throws(CheckpointError) {
        func check(_ kind: String, _ present: Set<String>, _ expected: Set<String>) throws(CheckpointError) {
            if let missing = expected.subtracting(present).sorted().first {
                throw .incompatibleState(strategy: strategy, reason: "\(kind) '\(missing)' is missing")
            }
            if let extra = present.subtracting(expected).sorted().first {
                throw .incompatibleState(strategy: strategy, reason: "unexpected \(kind) '\(extra)'")
            }
        }
        try check("array", Set(arrays.keys), arrayNames)
        try check("real scalar", Set(doubles.keys), doubleNames)
        try check("integer scalar", Set(ints.keys), intNames)
    }

    /// The finite values of array `name`, or an error naming the strategy.
    ///
    /// - Throws: ``CheckpointError/incompatibleState(strategy:reason:)`` when it is missing or not finite.
    public func finiteArray(_ name: String, strategy: String) throws(CheckpointError) -> [Float] {
        guard let record = arrays[name] else {
            throw .incompatibleState(strategy: strategy, reason: "array '\(name)' is missing")
        }
        if let index = record.values.firstIndex(where: { !$0.isFinite }) {
            throw .incompatibleState(strategy: strategy, reason: "array '\(name)' has a non-finite value at index \(index)")
        }
        return record.values
    }
}
