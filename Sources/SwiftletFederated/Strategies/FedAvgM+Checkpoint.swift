extension FedAvgM {
    /// The state name of the server velocity.
    static let velocityKey = "velocity"

    /// The server velocity, or nothing before the first momentum step (and always with η = 1, β = 0).
    public func checkpointState() -> StrategyState {
        velocity.isEmpty ? StrategyState() : StrategyState(arrays: [Self.velocityKey: ArrayRecord(flat: velocity, name: Self.velocityKey)])
    }

    /// Restores the server velocity.
    ///
    /// - Throws: ``CheckpointError/incompatibleState(strategy:reason:)`` when the state holds anything but
    ///   a finite `velocity` array.
    public mutating func restore(from state: StrategyState) throws(CheckpointError) {
        guard !state.isEmpty else { velocity = []; return }
        try state.expect(arrays: [Self.velocityKey], strategy: name)
        velocity = try state.finiteArray(Self.velocityKey, strategy: name)
    }
}
