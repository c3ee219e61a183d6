import SwiftletTensor

extension RoundEngine {
    /// Runs the federation to its end: initial model, then rounds until a stop condition.
    ///
    /// Stops after ``FederationConfig/rounds`` rounds, when ``FederationConfig/targetAccuracy`` is reached,
    /// when ``FederationConfig/timeBudget`` has passed, when a failed round's policy says stop, or when the
    /// calling task is cancelled (the round in progress is abandoned and the previous model returned). The
    /// event stream finishes when this returns.
    ///
    /// - Throws: ``FederationError`` when the configuration is invalid, the engine has already run, or no
    ///   initial model can be obtained.
    public func run() async throws(FederationError) -> FederationResult {
        guard phase == .idle else { throw .alreadyStarted }
        defer { hub.finish() }
        do throws(FederationError) {
            try config.validate()
        } catch {
            phase = .finished(.roundFailed(round: 0, reason: error.description))
            throw error
        }
        startInstant = clock.now
        let global = try await initialParameters()
        parameters = global

        var initial = RoundRecord(round: 0, startTime: 0)
        initial.sampled = []
        if config.centralEvaluateEvery > 0 {
            (initial.centralEvaluation, initial.evaluationFailure) = await centralEvaluation(round: 0, parameters: global)
            if initial.centralEvaluation != nil { finishRecord(initial) }
        }

        return await runRounds(from: 1, global: global)
    }

    /// Runs rounds from `first` until a stop condition, then finishes the run. After every finished round
    /// (completed, or failed and skipped) ``FederationConfig/roundCompletion`` is awaited before anything
    /// else happens, so a checkpoint is durable before the next round's work starts.
    func runRounds(from first: Int, global start: ArrayRecord) async -> FederationResult {
        var global = start
        var round = first
        var attempt = 1
        var stop: StopReason?
        while stop == nil {
            if Task.isCancelled { stop = .cancelled(round: round - 1); break }
            let (trained, aggregate) = await fitRound(round: round, attempt: attempt, global: global)
            var record = trained
            if Task.isCancelled {
                finishRecord(record)
                stop = .cancelled(round: round - 1)
                break
            }
            guard let aggregate else {
                finishRecord(record)
                switch config.onFailure {
                case .retry(let attempts) where attempt <= attempts:
                    attempt += 1
                    continue
                case .skip:
                    stop = await checkpoint(round: round, attempt: attempt, global: global)
                    if stop == nil, round >= config.rounds { stop = .roundsCompleted(config.rounds) }
                    attempt = 1
                    round += 1
                    continue
                default:
                    stop = .roundFailed(round: round, reason: record.failureReason ?? "failed")
                    continue
                }
            }
            global = aggregate.parameters
            parameters = global

            phase = .evaluating(round: round)
            if config.evaluateEvery > 0, round % config.evaluateEvery == 0 || round == config.rounds {
                (record.federatedEvaluation, record.evaluationFailures) = await federatedEvaluation(round: round, parameters: global)
                if record.federatedEvaluation == nil { record.evaluationFailure = "no node evaluated the model" }
            }
            if config.centralEvaluateEvery > 0, round % config.centralEvaluateEvery == 0 || round == config.rounds {
                let (central, failure) = await centralEvaluation(round: round, parameters: global)
                record.centralEvaluation = central
                if let failure { record.evaluationFailure = failure }
            }
            finishRecord(record)
            stop = await checkpoint(round: round, attempt: attempt, global: global) ?? stopCondition(after: record)
            round += 1
            attempt = 1
        }
        let reason = stop!
        phase = .finished(reason)
        hub.emit(.finished(reason))
        return FederationResult(parameters: global, history: history, stopReason: reason)
    }

    /// Why the run stops after completing `record`'s round, if it does: target, time budget, then rounds.
    func stopCondition(after record: RoundRecord) -> StopReason? {
        if let target = config.targetAccuracy, let accuracy = accuracy(of: record), accuracy >= target {
            return .targetReached(round: record.round, accuracy: accuracy)
        }
        if let budget = config.timeBudget, let startInstant, startInstant.duration(to: clock.now) >= budget {
            return .timeBudgetExhausted(round: record.round)
        }
        return record.round >= config.rounds ? .roundsCompleted(record.round) : nil
    }

    /// The accuracy a record reports: central evaluation's, else federated evaluation's.
    func accuracy(of record: RoundRecord) -> Double? {
        record.centralEvaluation?.metrics.scalar(config.accuracyMetric)
            ?? record.federatedEvaluation?.metrics.scalar(config.accuracyMetric)
    }

    /// The strategy's initial model, or one node's (sampled with the seed), checked finite.
    func initialParameters() async throws(FederationError) -> ArrayRecord {
        if let parameters = strategy.initializeParameters() {
            guard UpdateValidator.firstNonFinite(parameters.values) == nil else {
                throw .noInitialParameters(reason: "the strategy's initial parameters are not finite")
            }
            return parameters
        }
        phase = .waitingForNodes(round: 0)
        guard await waitForNodes(required: 1) else {
            throw .noInitialParameters(reason: "no node joined within the availability timeout")
        }
        var generator = SeededGenerator(seed: config.seed).split(stream: 1 << 41)
        let nodes = registry.availableNodes
        let node = nodes[generator.nextInt(below: nodes.count)]
        guard let client = registry.client(for: node) else { throw .noInitialParameters(reason: "\(node) left") }
        var asked = SingleReply<ArrayRecord>()
        let call: @Sendable () async throws -> ArrayRecord = { try await client.parameters(config: [:]) }
        _ = await Self.dispatch(calls: [(node, call)], deadline: clock.now.advanced(by: config.roundTimeout), clock: clock,
                                late: { _ in }, handler: &asked)
        switch asked.result {
        case nil: throw .noInitialParameters(reason: "\(node) did not send its parameters before the deadline")
        case .failure(let error)?: throw .noInitialParameters(reason: "\(node) failed: \(error)")
        case .success(let parameters)?:
            if let index = UpdateValidator.firstNonFinite(parameters.values) {
                throw .noInitialParameters(reason: "\(node) sent a non-finite value at index \(index)")
            }
            return parameters
        }
    }
}

/// Keeps the one answer of a single-node call.
struct SingleReply<Reply: Sendable>: ReplyHandler {
    var result: Result<Reply, any Error>?
    mutating func handle(_ index: Int, _ result: Result<Reply, any Error>) { self.result = result }
}
