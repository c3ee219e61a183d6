import Synchronization

/// Fans events out to every subscriber's `AsyncStream`.
///
/// A class with a lock rather than actor state so that subscribing is synchronous: a test or UI that calls
/// ``RoundEngine/events()`` before starting the run is guaranteed to see the first event.
final class EventHub: Sendable {
    private let subscribers = Mutex<(next: Int, continuations: [Int: AsyncStream<FederationEvent>.Continuation])>((0, [:]))

    func subscribe() -> AsyncStream<FederationEvent> {
        let (stream, continuation) = AsyncStream<FederationEvent>.makeStream(bufferingPolicy: .unbounded)
        let id = subscribers.withLock { state in
            state.next += 1
            state.continuations[state.next] = continuation
            return state.next
        }
        continuation.onTermination = { [weak self] _ in
            _ = self?.subscribers.withLock { $0.continuations.removeValue(forKey: id) }
        }
        return stream
    }

    func emit(_ event: FederationEvent) {
        let continuations = subscribers.withLock { Array($0.continuations.values) }
        for continuation in continuations { continuation.yield(event) }
    }

    func finish() {
        let continuations = subscribers.withLock { state in
            defer { state.continuations.removeAll() }
            return Array(state.continuations.values)
        }
        for continuation in continuations { continuation.finish() }
    }
}
