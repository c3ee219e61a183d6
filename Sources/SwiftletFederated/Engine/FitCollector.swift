/// Receives a training round's results: validates each one and folds the accepted ones into the aggregator.
///
/// With ``ResultOrdering/sampled`` an accepted update waits in ``held`` until every node sampled before it
/// has settled (answered, failed or timed out), so the aggregate never depends on arrival order — unless more
/// than ``reorderLimit`` updates pile up behind a slow node: then the held ones are folded in sampling order and
/// the rest of the round follows arrival order, so memory stays bounded.
struct FitCollector<S: Strategy>: ReplyHandler {
    typealias Reply = FitResult

    let round: Int
    let global: ArrayRecord
    let nodes: [NodeID]
    let strategy: S
    let validator: UpdateValidator
    let ordering: ResultOrdering
    /// The most updates held back for ordering.
    let reorderLimit: Int
    let aggregator: S.Aggregator
    let hub: EventHub
    var record: RoundRecord
    var summaries: [FitSummary] = []
    var held: [Int: ClientUpdate] = [:]
    var settled: [Bool]
    var nextToCommit = 0

    init(round: Int, global: ArrayRecord, nodes: [NodeID], strategy: S, validator: UpdateValidator,
         ordering: ResultOrdering, reorderLimit: Int, aggregator: S.Aggregator, hub: EventHub, record: RoundRecord) {
        self.round = round
        self.global = global
        self.nodes = nodes
        self.strategy = strategy
        self.validator = validator
        self.ordering = ordering
        self.reorderLimit = reorderLimit
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
                } else if ordering == .sampled && record.aggregatedInSamplingOrder {
                    held[index] = update
                    if held.count > reorderLimit { giveUpOrdering() }
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

    /// Folds everything held, in sampling order, and takes the rest of the round in arrival order.
    private mutating func giveUpOrdering() {
        record.aggregatedInSamplingOrder = false
        for index in held.keys.sorted() { commit(held.removeValue(forKey: index)!) }
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
