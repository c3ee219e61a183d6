extension RoundEngine {
    /// The engine's state after `round` finished with `global`, as a checkpoint.
    func makeCheckpoint(round: Int, attempt: Int, global: ArrayRecord) -> EngineCheckpoint {
        let elapsed = startInstant.map { $0.duration(to: clock.now) } ?? .zero
        return EngineCheckpoint(round: round, attempt: attempt, elapsed: max(elapsed, .zero), strategy: strategy.name,
                                parameters: global, history: history, strategyState: strategy.checkpointState())
    }

    /// Hands the checkpoint of finished `round` to ``FederationConfig/roundCompletion`` and waits for it.
    ///
    /// - Returns: `nil` when it was saved (or there is no hook); otherwise why the run must stop —
    ///   ``StopReason/cancelled(round:)`` when the task was cancelled meanwhile, else
    ///   ``StopReason/checkpointFailed(round:reason:)``.
    func checkpoint(round: Int, attempt: Int, global: ArrayRecord) async -> StopReason? {
        guard let save = config.roundCompletion else { return nil }
        do {
            try await save(makeCheckpoint(round: round, attempt: attempt, global: global))
            return nil
        } catch {
            return Task.isCancelled ? .cancelled(round: round) : .checkpointFailed(round: round, reason: "\(error)")
        }
    }
}
