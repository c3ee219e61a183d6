extension SCAFFOLD {
    /// The state name of the server control variate.
    static let controlStateKey = "control"

    /// The server control variate `c`, or nothing before the first round.
    public func checkpointState() -> StrategyState {
        control.isEmpty ? StrategyState()
            : StrategyState(arrays: [Self.controlStateKey: ArrayRecord(flat: control, name: Self.controlStateKey)])
    }

    /// Restores the server control variate.
    ///
    /// - Throws: ``CheckpointError/incompatibleState(strategy:reason:)`` when the state holds anything but
    ///   a finite `control` array.
    public mutating func restore(from state: StrategyState) throws(CheckpointError) {
        guard !state.isEmpty else { control = []; return }
        try state.expect(arrays: [Self.controlStateKey], strategy: name)
        control = try state.finiteArray(Self.controlStateKey, strategy: name)
    }
}
