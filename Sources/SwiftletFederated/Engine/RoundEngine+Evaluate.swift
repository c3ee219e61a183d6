import SwiftletTensor

extension RoundEngine {
    /// Federated evaluation of `parameters` on a sample of nodes (`nil` when no node could evaluate), and the
    /// nodes that failed, were refused or timed out.
    func federatedEvaluation(round: Int, parameters: ArrayRecord) async -> (Evaluation?, [NodeFailure]) {
        let sampling = strategy.options.evaluateSampling
        // Evaluation uses its own stream of the seed, so turning it on or off leaves training samples unchanged.
        var generator = SeededGenerator(seed: config.seed).split(stream: 1 << 40 | UInt64(round))
        guard let nodes = sampling.sample(from: registry.availableNodes, generator: &generator) else { return (nil, []) }
        let instructions = strategy.configureEvaluate(round: round, parameters: parameters, nodes: nodes)
        var calls: [(node: NodeID, call: @Sendable () async throws -> EvaluateResult)] = []
        var callNodes: [NodeID] = []
        for node in nodes {
            guard let client = registry.client(for: node), let instruction = instructions[node] else { continue }
            calls.append((node, { try await client.evaluate(instruction) }))
            callNodes.append(node)
        }
        var collector = EvaluateCollector(round: round, nodes: callNodes, validator: config.validator, hub: hub)
        // A late evaluation is simply dropped: it changes nothing, and the timeout is already recorded.
        let unanswered = await Self.dispatch(calls: calls, deadline: clock.now.advanced(by: config.roundTimeout),
                                             clock: clock, late: { _ in }, handler: &collector)
        for index in unanswered {
            collector.failures.append(NodeFailure(node: callNodes[index], kind: .timedOut, reason: "no evaluation before the deadline"))
        }
        let evaluation = strategy.aggregateEvaluate(round: round, results: collector.orderedResults, failures: collector.failures)
        return (evaluation, collector.failures)
    }

    /// Central evaluation through the strategy; a failure is reported in the record, never fatal.
    func centralEvaluation(round: Int, parameters: ArrayRecord) async -> (Evaluation?, String?) {
        let strategy = self.strategy
        do {
            return (try await strategy.evaluate(round: round, parameters: parameters), nil)
        } catch {
            return (nil, "central evaluation failed: \(error)")
        }
    }
}
