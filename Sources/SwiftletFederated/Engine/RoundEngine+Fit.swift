import SwiftletTensor

extension RoundEngine {
    /// One attempt at a training round: the round's record, and the aggregate when it succeeded.
    func fitRound(round: Int, attempt: Int, global: ArrayRecord) async -> (RoundRecord, FitAggregate?) {
        var record = RoundRecord(round: round, attempt: attempt, startTime: elapsedSeconds())
        record.aggregatedInSamplingOrder = config.ordering == .sampled
        var started = clock.now
        let sampling = strategy.options.fitSampling
        let minimum = config.minimumResults ?? sampling.minimum
        func fail(_ reason: String) -> (RoundRecord, FitAggregate?) {
            record.status = .failed
            record.failureReason = reason
            record.duration = Self.seconds(started.duration(to: clock.now))
            hub.emit(.roundFailed(round: round, attempt: attempt, reason: reason))
            return (record, nil)
        }

        if let prepare = config.roundPreparation {
            for (node, available) in await prepare(round, attempt, elapsedSeconds()) {
                registry.setAvailable(node, available)
            }
        }
        phase = .waitingForNodes(round: round)
        let required = max(sampling.minimumAvailable, minimum)
        guard await waitForNodes(required: required) else {
            return fail("only \(registry.availableCount) of the \(required) nodes required were available")
        }
        // The round starts once its nodes are there: the wait is bounded by `availabilityTimeout`, and the
        // deadline is the sampled nodes' time to answer, which nodes slow to register must not eat into.
        started = clock.now
        record.startTime = elapsedSeconds()
        phase = .training(round: round, attempt: attempt)
        var generator = SeededGenerator(seed: config.seed).split(stream: UInt64(round) << 16 | UInt64(attempt))
        guard let nodes = sampling.sample(from: registry.availableNodes, generator: &generator) else {
            return fail("too few nodes available to sample")
        }
        record.sampled = nodes
        hub.emit(.roundStarted(round: round, attempt: attempt, nodes: nodes))

        let instructions = strategy.configureFit(round: round, parameters: global, nodes: nodes)
        var calls: [(node: NodeID, call: @Sendable () async throws -> FitResult)] = []
        var callNodes: [NodeID] = []
        for node in nodes {
            guard let client = registry.client(for: node) else {
                record.failed.append(NodeFailure(node: node, kind: .failed, reason: "left before the round started"))
                continue
            }
            guard let instruction = instructions[node] else { continue }
            calls.append((node, { try await client.fit(instruction) }))
            callNodes.append(node)
        }

        var collector = FitCollector(
            round: round, global: global, nodes: callNodes, strategy: strategy, validator: config.validator,
            ordering: config.ordering, reorderLimit: config.reorderBufferBytes / max(1, global.byteCount),
            aggregator: strategy.makeFitAggregator(round: round, global: global, pool: config.pool),
            hub: hub, record: record)
        let deadline = started.advanced(by: config.roundTimeout)
        let unanswered = await Self.dispatch(calls: calls, deadline: deadline, clock: clock,
                                             late: lateRecorder(round, attempt), handler: &collector)
        collector.timeOut(unanswered)
        record = collector.record
        let summaries = collector.summaries
        let aggregator = collector.aggregator
        record.duration = Self.seconds(started.duration(to: clock.now))

        if Task.isCancelled { return fail("cancelled") }
        guard summaries.count >= minimum else {
            return fail("\(summaries.count) results accepted, \(minimum) required")
        }
        let failures = record.failed + record.rejected + record.timedOut.map {
            NodeFailure(node: $0, kind: .timedOut, reason: "no result before the deadline")
        }
        do throws(AggregationError) {
            let aggregate = try self.strategy.aggregateFit(round: round, global: global, aggregator: aggregator,
                                                           summaries: summaries, failures: failures)
            guard aggregate.parameters.specs == global.specs,
                  UpdateValidator.firstNonFinite(aggregate.parameters.values) == nil else {
                return fail(AggregationError.nonFiniteAggregate(strategy: self.strategy.name).description)
            }
            record.fitMetrics = aggregate.metrics
            return (record, aggregate)
        } catch {
            return fail(error.description)
        }
    }

    /// Waits until `required` nodes are available or ``FederationConfig/availabilityTimeout`` passes.
    func waitForNodes(required: Int) async -> Bool {
        if registry.availableCount >= required { return true }
        let deadline = clock.now.advanced(by: config.availabilityTimeout)
        let clock = self.clock
        while registry.availableCount < required {
            hub.emit(.waitingForNodes(available: registry.availableCount, required: required))
            let (changes, continuation) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
            registryChanges = continuation
            let changed = await withTaskGroup(of: Bool.self) { group in
                group.addTask {
                    for await _ in changes { return true }
                    return false
                }
                group.addTask {
                    try? await clock.sleep(until: deadline, tolerance: nil)
                    return false
                }
                let first = await group.next() ?? false
                group.cancelAll()
                return first
            }
            registryChanges = nil
            continuation.finish()
            if !changed || Task.isCancelled { return registry.availableCount >= required }
        }
        return true
    }
}
