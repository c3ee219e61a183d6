import SwiftletTensor

extension RoundEngine {
    /// Continues a run from `checkpoint`, as written by ``FederationConfig/roundCompletion``: the strategy's
    /// state, the global model, the history and the engine clock's elapsed time are restored, initialisation
    /// and the round-0 evaluation are skipped, and rounds go on at `checkpoint.round + 1`.
    ///
    /// A checkpoint at or past ``FederationConfig/rounds`` finishes at once with
    /// ``StopReason/roundsCompleted(_:)``; one whose last round reached the accuracy target, or whose elapsed
    /// time exhausts the time budget, finishes at once with that reason — a crash between the checkpoint and
    /// the end of the run does not buy extra rounds.
    ///
    /// Resumed rounds are reproducible: node sampling is seeded by ``FederationConfig/seed`` and the
    /// (round, attempt) pair alone, so a resumed round samples the same nodes as the interrupted one did,
    /// provided the same nodes are available. With ``ResultOrdering/sampled`` and deterministic clients the
    /// resumed run's models are bit-identical to an uninterrupted run's. A round interrupted by the crash
    /// is run again from attempt 1; records of its unfinished attempts are not in the checkpoint.
    ///
    /// - Throws: ``FederationError/invalidConfiguration(setting:reason:)``, ``FederationError/alreadyStarted``,
    ///   or ``FederationError/invalidCheckpoint(reason:)`` when the checkpoint was written by another
    ///   strategy, its model's layout differs from the strategy's initial parameters, its strategy state does
    ///   not fit (``Strategy/restore(from:)``) or has arrays of another length than the model, or its history
    ///   runs past its round. Nothing is changed when it throws.
    public func run(resumingFrom checkpoint: EngineCheckpoint) async throws(FederationError) -> FederationResult {
        guard phase == .idle else { throw .alreadyStarted }
        do throws(FederationError) {
            try config.validate()
            try check(checkpoint)
        } catch {
            hub.finish()
            throw error
        }
        var restored = strategy
        do {
            try restored.restore(from: checkpoint.strategyState)
        } catch {
            hub.finish()
            throw .invalidCheckpoint(reason: error.description)
        }
        strategy = restored
        defer { hub.finish() }
        // The clock restarts with the process: back-date the start so times continue where they stopped.
        startInstant = clock.now.advanced(by: .zero - checkpoint.elapsed)
        history = checkpoint.history
        parameters = checkpoint.parameters

        if let reason = stopConditionAtResume(checkpoint) {
            phase = .finished(reason)
            hub.emit(.finished(reason))
            return FederationResult(parameters: checkpoint.parameters, history: history, stopReason: reason)
        }
        return await runRounds(from: checkpoint.round + 1, global: checkpoint.parameters)
    }

    /// Checks `checkpoint` fits this engine's strategy before anything is restored.
    func check(_ checkpoint: EngineCheckpoint) throws(FederationError) {
        guard checkpoint.strategy == strategy.name else {
            throw .invalidCheckpoint(reason: "written by strategy \(checkpoint.strategy), this engine runs \(strategy.name)")
        }
        if let initial = strategy.options.initialParameters, initial.specs != checkpoint.parameters.specs {
            throw .invalidCheckpoint(reason: "the checkpoint's model has \(checkpoint.parameters.specs.count) arrays of "
                + "\(checkpoint.parameters.count) values, the strategy's initial model \(initial.specs.count) arrays of "
                + "\(initial.count) values, or their names or shapes differ")
        }
        if let index = UpdateValidator.firstNonFinite(checkpoint.parameters.values) {
            throw .invalidCheckpoint(reason: "the model has a non-finite value at index \(index)")
        }
        for (name, record) in checkpoint.strategyState.arrays.sorted(by: { $0.key < $1.key })
        where record.count != checkpoint.parameters.count {
            throw .invalidCheckpoint(reason: "strategy state array '\(name)' has \(record.count) values, the model "
                + "\(checkpoint.parameters.count)")
        }
        if let record = checkpoint.history.records.first(where: { $0.round > checkpoint.round }) {
            throw .invalidCheckpoint(reason: "the history holds round \(record.round), after the checkpoint's round \(checkpoint.round)")
        }
    }

    /// Why a resumed run is already over: rounds done, else the last round's target or the time budget.
    func stopConditionAtResume(_ checkpoint: EngineCheckpoint) -> StopReason? {
        if checkpoint.round >= config.rounds { return .roundsCompleted(checkpoint.round) }
        let last = history.records.last { $0.round == checkpoint.round && $0.status == .completed }
        if let last, checkpoint.round > 0 { return stopCondition(after: last) }
        if let budget = config.timeBudget, checkpoint.elapsed >= budget { return .timeBudgetExhausted(round: checkpoint.round) }
        return nil
    }
}
