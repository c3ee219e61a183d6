import Foundation
import SwiftletFederated

extension FleetServerRuntime {
    /// What one of `run()`'s child tasks ended with.
    enum Piece: Sendable {
        case engine(Result<FederationResult, FederationError>)
        case eventsForwarded
        case stopRequested
        case idle
    }

    /// Runs (or resumes) the federation to its end and answers its result.
    ///
    /// Opens the run (see ``FleetRunSettings/runName``), restores the nodes the store knows as online so a
    /// restarted server does not wait for everyone to re-register, then runs the engine while following the
    /// fleet's node events. Cancelling the calling task cancels the round in flight and returns with
    /// ``StopReason/cancelled(round:)``, leaving the run resumable; ``stop()`` does the same and marks the
    /// run stopped. No task started here outlives the call.
    ///
    /// - Throws: ``FleetRuntimeError``: bad settings, a finished run of that name, an unreadable checkpoint,
    ///   the store failing, or the engine refusing to start. None of these marks the run finished: fix the
    ///   cause and start again to resume it. A round that fails under `RoundFailurePolicy.stop` does mark it
    ///   finished with sub-status `failed`.
    public func run() async throws -> FederationResult {
        guard state == .idle else { throw FleetRuntimeError.alreadyStarted }
        state = .waitingForNodes
        defer {
            for subscriber in subscribers.values { subscriber.finish() }
            subscribers = [:]
        }
        let run: UInt64, checkpoint: EngineCheckpoint?
        let nodeEvents: AsyncStream<NodeEvent>
        do throws(FleetRuntimeError) {
            try settings.validate()
            let opened = try await openRun()
            run = opened.run
            checkpoint = opened.checkpoint
            runID = run
            if let downlink = settings.downlink {
                do { downlinkCoder = try DownlinkCoder(specification: downlink, service: service, run: run) } catch {
                    throw .invalidSettings(setting: "downlink", reason: error.description)
                }
            }
            nodeEvents = await service.nodeEvents()
            do { try await service.restore() } catch { throw .store(error) }
        } catch {
            state = .failed(error.description)
            logger.error("cannot start the run", metadata: ["name": "\(settings.runName)", "error": "\(error)"])
            throw error
        }

        let engine = RoundEngine(strategy: strategy, config: engineConfig(run: run), clock: clock)
        self.engine = engine
        for node in await service.onlineNodes { await nodeActivated(node) }
        let engineEvents = engine.events()
        let (stops, stopContinuation) = AsyncStream<Void>.makeStream()
        stopSignal = stopContinuation
        if stopRequested { stopContinuation.yield() }

        let outcome = await withTaskGroup(of: Piece.self) { group -> Result<FederationResult, FederationError>? in
            group.addTask {
                do throws(FederationError) {
                    if let checkpoint { return .engine(.success(try await engine.run(resumingFrom: checkpoint))) }
                    return .engine(.success(try await engine.run()))
                } catch {
                    return .engine(.failure(error))
                }
            }
            group.addTask {
                await self.forward(engineEvents)
                return .eventsForwarded
            }
            group.addTask {
                await self.follow(nodeEvents)
                return .idle
            }
            group.addTask {
                for await _ in stops { return .stopRequested }
                return .idle
            }
            var outcome: Result<FederationResult, FederationError>?
            var forwarded = false
            while let piece = await group.next() {
                switch piece {
                case .engine(let result):
                    outcome = result
                    stopContinuation.finish()
                    // Let the last events (the run's end) reach the logs before the followers are cancelled.
                    if forwarded { group.cancelAll() }
                case .eventsForwarded:
                    forwarded = true
                    if outcome != nil { group.cancelAll() }
                case .stopRequested:
                    logger.info("stopping the run", metadata: ["run": "\(run)"])
                    group.cancelAll()
                case .idle:
                    break
                }
            }
            return outcome
        }
        stopSignal = nil
        self.engine = nil
        return try await conclude(run: run, outcome)
    }

    /// Records the run's end in the store and the runtime's state, and answers the result.
    func conclude(run: UInt64, _ outcome: Result<FederationResult, FederationError>?) async throws -> FederationResult {
        switch outcome {
        case nil:
            state = .stopped
            throw CancellationError()
        case .failure(let error)?:
            // A configuration the engine refuses (bad settings, a checkpoint of another strategy, no initial
            // model) is the operator's to fix: the run stays open, to resume once it is fixed.
            state = .failed(error.description)
            logger.error("the engine refused the run", metadata: ["run": "\(run)", "error": "\(error)"])
            throw FleetRuntimeError.engine(error)
        case .success(let result)?:
            switch result.stopReason {
            case .cancelled:
                state = .stopped
                if stopRequested {
                    await finish(run, RunOutcome(.stopped, details: result.stopReason.description))
                } else {
                    logger.info("run interrupted; resumable", metadata: ["run": "\(run)", "reason": "\(result.stopReason)"])
                }
            case .roundFailed(_, let reason):
                state = .failed(reason)
                await finish(run, RunOutcome(.failed, details: result.stopReason.description))
            case .checkpointFailed(_, let reason):
                // The store failed: the run stays resumable from its last durable checkpoint.
                state = .failed(reason)
                logger.error("checkpoint failed; the run stays resumable", metadata: ["run": "\(run)", "reason": "\(reason)"])
            case .roundsCompleted, .targetReached, .timeBudgetExhausted:
                state = .finished
                await finish(run, RunOutcome(.completed, details: result.stopReason.description))
            }
            return result
        }
    }

    /// The engine's configuration with the runtime's hooks: record the attempt before each round samples, and
    /// save the checkpoint after each round, after the caller's own hooks.
    func engineConfig(run: UInt64) -> FederationConfig {
        var config = self.config
        let attempts = self.attempts
        let service = self.service
        let preparation = config.roundPreparation
        config.roundPreparation = { round, attempt, seconds in
            attempts.record(round: round, attempt: attempt)
            return await preparation?(round, attempt, seconds) ?? []
        }
        let completion = config.roundCompletion
        config.roundCompletion = { checkpoint in
            try await completion?(checkpoint)
            let record = checkpoint.history.records.last { $0.round == checkpoint.round }
            let json = try record.map { [UInt8](try JSONEncoder().encode($0)) } ?? []
            try await service.saveCheckpoint(run: run, round: checkpoint.round, record: json, blob: checkpoint.encoded())
        }
        return config
    }
}
