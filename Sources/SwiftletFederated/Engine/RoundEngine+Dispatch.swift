/// Receives the answers of a round's nodes, one at a time, in the round's isolation.
protocol ReplyHandler {
    associatedtype Reply: Sendable
    /// Handles node `index`'s answer.
    mutating func handle(_ index: Int, _ result: Result<Reply, any Error>)
}

extension RoundEngine {
    enum Reply<T: Sendable>: Sendable {
        case reply(Int, Result<T, any Error>?)
        case deadline
    }

    /// Calls every node at once and hands each answer to `handle` as it arrives, until all have answered or
    /// `deadline` passes; returns the indices of the nodes that had not answered.
    ///
    /// Calls still running at the deadline are cancelled and abandoned (see ``NodeCall``); if one returns a
    /// value anyway, it is recorded as late for `round`/`attempt`. Cancelling the task running the round
    /// ends the wait the same way.
    ///
    /// The handler is passed `inout` and runs in the caller's isolation, so it may own the round's record
    /// and aggregator without crossing an isolation boundary.
    static func dispatch<H: ReplyHandler>(
        calls: [(node: NodeID, call: @Sendable () async throws -> H.Reply)], deadline: C.Instant, clock: C,
        late: @escaping @Sendable (NodeID) -> Void,
        isolation: isolated (any Actor)? = #isolation,
        handler: inout H
    ) async -> [Int] {
        typealias T = H.Reply
        guard !calls.isEmpty else { return [] }
        var answered = [Bool](repeating: false, count: calls.count)
        await withTaskGroup(of: Reply<T>.self) { group in
            for (index, entry) in calls.enumerated() {
                let node = entry.node
                let call = entry.call
                group.addTask {
                    let result = await NodeCall.run(call) { lateResult in
                        guard case .success = lateResult else { return }
                        late(node)
                    }
                    return .reply(index, result)
                }
            }
            group.addTask {
                try? await clock.sleep(until: deadline, tolerance: nil)
                return .deadline
            }
            var outstanding = calls.count
            while outstanding > 0, let reply = await group.next() {
                guard case .reply(let index, let result) = reply else { break }
                outstanding -= 1
                // `nil` means the round's own task was cancelled: stop waiting, like a deadline.
                guard let result else { break }
                answered[index] = true
                handler.handle(index, result)
            }
            group.cancelAll()
        }
        return answered.indices.filter { !answered[$0] }
    }
}
