/// Receives a federated evaluation round's results, refusing non-finite or absurdly weighted ones.
struct EvaluateCollector: ReplyHandler {
    typealias Reply = EvaluateResult

    let round: Int
    let nodes: [NodeID]
    let validator: UpdateValidator
    let hub: EventHub
    /// Accepted results by sampling index, so the aggregate does not depend on arrival order.
    var results: [Int: EvaluateSummary] = [:]
    var failures: [NodeFailure] = []

    mutating func handle(_ index: Int, _ result: Result<EvaluateResult, any Error>) {
        let node = nodes[index]
        switch result {
        case .failure(let error):
            failures.append(NodeFailure(node: node, kind: .failed, reason: "\(error)"))
            hub.emit(.evaluationFailed(round: round, node: node, reason: "\(error)"))
        case .success(let evaluation):
            if let reason = validator.validate(evaluation) {
                failures.append(NodeFailure(node: node, kind: .rejected, reason: reason.description))
                hub.emit(.evaluationRejected(round: round, node: node, reason: reason))
            } else {
                results[index] = EvaluateSummary(node: node, result: evaluation)
            }
        }
    }

    /// Accepted results in sampling order.
    var orderedResults: [EvaluateSummary] { results.keys.sorted().map { results[$0]! } }
}
