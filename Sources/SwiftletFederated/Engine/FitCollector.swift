/// Receives a training round's results: validates each one and folds the accepted ones into the aggregator.
///
/// With ``ResultOrdering/sampled`` an accepted update waits in ``held`` until every node sampled before it
/// has settled (answered, failed or timed out), so the aggregate never depends on arrival order.
struct FitCollector<S: Strategy>: ReplyHandler {
    typealias Reply = FitResult

    let round: Int
    let global: ArrayRecord
    let nodes: [NodeID]
    let strategy: S
    let validator: UpdateValidator
    let ordering: ResultOrdering
    let aggregator: S.Aggregator
    let hub: EventHub
    var record: RoundRecord
    var summaries: [FitSummary] = []
    var held: [Int: ClientUpdate] = [:]
    var settled: [Bool]
    var nextToCommit = 0

    init(round: Int, global: ArrayRecord, nodes: [NodeID], strategy: S, validator: UpdateValidator,
         ordering: ResultOrdering, aggregator: S.Aggregator, hub: EventHub, record: RoundRecord) {
        self.round = round
        self.global = global
        self.nodes = nodes
        self.strategy = strategy
        self.validator = validator
        self.ordering = ordering
        self.aggregator = aggregator
        self.hub = hub
        self.record = record
        settled = [Bool](repeating: false, count: nodes.count)
    }

    mutating func handle(_ index: Int, _ result: Result<FitResult, any Error>) {
        let node = nodes[index]
        hub.emit(.resultReceived(round: round, node: node))
        switch result {
        case .failure(let error):
            record.failed.append(NodeFailure(node: node, kind: .failed, reason: "\(error)"))
            hub.emit(.nodeFailed(round: round, node: node, reason: "\(error)"))
        case .success(let fitResult):
            switch validator.validate(fitResult, from: node, global: global) {
            case .failure(let reason):
                reject(node, reason)
            case .success(let update):
                if let reason = strategy.validate(update, round: round, global: global) {
                    reject(node, .strategy(reason))
                } else if ordering == .sampled {
                    held[index] = update
                } else {
                    commit(update)
                }
            }
        }
        settled[index] = true
        commitReady()
    }

    /// Marks nodes that never answered.
    mutating func timeOut(_ indices: [Int]) {
        for index in indices {
            record.timedOut.append(nodes[index])
            hub.emit(.nodeTimedOut(round: round, node: nodes[index]))
            settled[index] = true
        }
        commitReady()
    }

    private mutating func reject(_ node: NodeID, _ reason: RejectionReason) {
        record.rejected.append(NodeFailure(node: node, kind: .rejected, reason: reason.description))
        hub.emit(.resultRejected(round: round, node: node, reason: reason))
    }

    private mutating func commit(_ update: ClientUpdate) {
        aggregator.add(update)
        summaries.append(FitSummary(node: update.node, exampleCount: update.exampleCount, metrics: update.metrics))
        record.accepted.append(update.node)
        record.exampleCount += update.exampleCount
        hub.emit(.resultAccepted(round: round, node: update.node, exampleCount: update.exampleCount))
    }

    private mutating func commitReady() {
        while nextToCommit < settled.count, settled[nextToCommit] {
            if let update = held.removeValue(forKey: nextToCommit) { commit(update) }
            nextToCommit += 1
        }
    }
}
