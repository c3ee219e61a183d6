import Logging
import SwiftletFederated

/// The engine's events: the runtime's state, logs and metrics, and its own subscribers.
extension FleetServerRuntime {
    /// Observes every event of `events` until the engine's run ends (or the task is cancelled).
    func forward(_ events: AsyncStream<FederationEvent>) async {
        for await event in events {
            observe(event)
            for subscriber in subscribers.values { subscriber.yield(event) }
        }
    }

    func observe(_ event: FederationEvent) {
        switch event {
        case let .waitingForNodes(available, required):
            state = .waitingForNodes
            logger.info("waiting for nodes", metadata: ["available": "\(available)", "required": "\(required)"])
        case let .roundStarted(round, attempt, nodes):
            state = .running(round: round)
            logger.info("round started", metadata: ["round": "\(round)", "attempt": "\(attempt)", "nodes": "\(nodes.count)"])
        case .resultAccepted:
            metrics.resultsAccepted.increment()
        case let .resultRejected(round, node, reason):
            metrics.resultsRejected.increment()
            logger.warning("result rejected", metadata: ["round": "\(round)", "node": "\(node.rawValue)", "reason": "\(reason)"])
        case let .nodeFailed(round, node, reason):
            metrics.resultsFailed.increment()
            logger.warning("node failed", metadata: ["round": "\(round)", "node": "\(node.rawValue)", "reason": "\(reason)"])
        case let .nodeTimedOut(round, node):
            metrics.resultsTimedOut.increment()
            logger.info("node timed out", metadata: ["round": "\(round)", "node": "\(node.rawValue)"])
        case let .roundFailed(round, attempt, reason):
            logger.warning("round failed", metadata: ["round": "\(round)", "attempt": "\(attempt)", "reason": "\(reason)"])
        case .roundFinished(let record):
            guard record.round > 0 else { break }
            metrics.roundDuration.recordNanoseconds(Int64((record.duration * 1e9).rounded()))
            if record.status == .completed { metrics.roundsCompleted.increment() } else { metrics.roundsFailed.increment() }
            logger.info("round finished", metadata: [
                "round": "\(record.round)", "attempt": "\(record.attempt)", "status": "\(record.status.rawValue)",
                "accepted": "\(record.accepted.count)", "sampled": "\(record.sampled.count)",
                "seconds": "\(record.duration)"])
        case .finished(let reason):
            logger.info("federation ended", metadata: ["reason": "\(reason)"])
        case .resultReceived, .evaluationRejected, .evaluationFailed, .resultLate:
            break
        }
    }
}
