extension AdaptiveMoments {
    /// The state names FedAdagrad, FedAdam and FedYogi checkpoint.
    enum StateKey {
        static let first = "first-moment"
        static let second = "second-moment"
        static let steps = "steps"
    }

    /// The moments as a strategy state: both moments and the step count, or nothing before the first round.
    public func checkpointState() -> StrategyState {
        guard steps > 0 else { return StrategyState() }
        return StrategyState(arrays: [StateKey.first: ArrayRecord(flat: first, name: StateKey.first),
                                      StateKey.second: ArrayRecord(flat: second, name: StateKey.second)],
                             ints: [StateKey.steps: steps])
    }

    /// Moments read back from ``checkpointState()``, checked as `strategy` would have produced them.
    ///
    /// - Throws: ``CheckpointError/incompatibleState(strategy:reason:)`` when an entry is missing or
    ///   unexpected, the step count is below 1, the moments differ in length, a value is not finite, or the
    ///   second moment is negative (every rule keeps it ≥ 0).
    public static func restored(from state: StrategyState, strategy: String) throws(CheckpointError) -> AdaptiveMoments {
        guard !state.isEmpty else { return AdaptiveMoments() }
        try state.expect(arrays: [StateKey.first, StateKey.second], ints: [StateKey.steps], strategy: strategy)
        let steps = state.ints[StateKey.steps]!
        guard steps >= 1 else {
            throw .incompatibleState(strategy: strategy, reason: "step count must be ≥ 1 when moments are stored, got \(steps)")
        }
        let first = try state.finiteArray(StateKey.first, strategy: strategy)
        let second = try state.finiteArray(StateKey.second, strategy: strategy)
        guard first.count == second.count else {
            throw .incompatibleState(strategy: strategy,
                                     reason: "first moment has \(first.count) values, second moment \(second.count)")
        }
        if let index = second.firstIndex(where: { $0 < 0 }) {
            throw .incompatibleState(strategy: strategy, reason: "second moment is negative at index \(index)")
        }
        return AdaptiveMoments(first: first, second: second, steps: steps)
    }
}
