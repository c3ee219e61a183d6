extension Strategy {
    /// Stateless strategies carry nothing between rounds.
    public func checkpointState() -> StrategyState { StrategyState() }

    /// Stateless strategies accept only an empty state: anything else was written by another strategy.
    public mutating func restore(from state: StrategyState) throws(CheckpointError) {
        guard state.isEmpty else {
            let names = (state.arrays.keys.sorted() + state.doubles.keys.sorted() + state.ints.keys.sorted())
            throw .incompatibleState(strategy: name,
                                     reason: "the strategy keeps no state between rounds, the checkpoint holds \(names)")
        }
    }
}
