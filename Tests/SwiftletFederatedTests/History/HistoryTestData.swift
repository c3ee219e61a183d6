import SwiftletFederated

/// A hand-built two-round history: a completed round with federated evaluation and a rejected node, then a
/// failed retry with a timed-out, late node and an infinite central loss.
enum HistoryTestData {
    static var first: RoundRecord {
        var record = RoundRecord(round: 1)
        record.duration = 2.5
        record.sampled = [1, 2, 3]
        record.accepted = [1, 2]
        record.rejected = [NodeFailure(node: 3, kind: .rejected, reason: "non-finite value in 'fc.bias' at index 1")]
        record.exampleCount = 30
        record.fitMetrics = ["loss": 0.5]
        record.federatedEvaluation = Evaluation(loss: 0.25, metrics: ["accuracy": 0.75])
        return record
    }

    static var second: RoundRecord {
        var record = RoundRecord(round: 2, attempt: 2, status: .failed, startTime: 2.5)
        record.failureReason = "1 results accepted, 2 required"
        record.duration = 60
        record.sampled = [1, 2, 4]
        record.accepted = [1]
        record.failed = [NodeFailure(node: 2, kind: .failed, reason: "connection reset")]
        record.timedOut = [4]
        record.late = [4]
        record.exampleCount = 10
        record.centralEvaluation = Evaluation(loss: .infinity)
        record.evaluationFailure = "federated evaluation: 0 results, 2 required"
        return record
    }

    static var history: History { History(records: [first, second]) }
}
