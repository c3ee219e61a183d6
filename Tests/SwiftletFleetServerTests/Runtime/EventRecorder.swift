import SwiftletFederated

/// Collects a runtime's events and lets a test wait, without polling, until some have happened.
actor EventRecorder {
    private(set) var events: [FederationEvent] = []
    private var waiters: [(predicate: @Sendable ([FederationEvent]) -> Bool, continuation: CheckedContinuation<Void, Never>)] = []

    /// Starts recording `stream` in a task that ends with the stream.
    nonisolated func record(_ stream: AsyncStream<FederationEvent>) -> Task<Void, Never> {
        Task { for await event in stream { await self.append(event) } }
    }

    private func append(_ event: FederationEvent) {
        events.append(event)
        let ready = waiters.filter { $0.predicate(events) }
        waiters.removeAll { $0.predicate(events) }
        for waiter in ready { waiter.continuation.resume() }
    }

    /// Waits until `predicate` holds for the events so far.
    func wait(until predicate: @escaping @Sendable ([FederationEvent]) -> Bool) async {
        if predicate(events) { return }
        await withCheckedContinuation { waiters.append((predicate, $0)) }
    }

    /// Whether at least `count` results of `round` have been received.
    static func received(_ count: Int, round: Int) -> @Sendable ([FederationEvent]) -> Bool {
        { events in events.count { if case .resultReceived(round, _) = $0 { true } else { false } } >= count }
    }
}
