import Synchronization

/// A clock that moves only when told to: rounds, deadlines and time budgets become testable without sleeping.
///
/// The round engine takes any `Clock<Duration>`; production passes `ContinuousClock`, tests and the simulator
/// pass a `ManualClock` and call ``advance(by:)``. Sleepers whose deadline is reached resume in deadline
/// order; a cancelled sleeper resumes at once by throwing `CancellationError`, as `ContinuousClock` does.
public final class ManualClock: Clock, Sendable {
    /// A point on the manual clock: the duration since its creation.
    public struct Instant: InstantProtocol, Sendable, Hashable, Comparable, CustomStringConvertible {
        /// Time since the clock's origin.
        public var offset: Duration

        /// Creates an instant.
        public init(offset: Duration) { self.offset = offset }
        public func advanced(by duration: Duration) -> Instant { Instant(offset: offset + duration) }
        public func duration(to other: Instant) -> Duration { other.offset - offset }
        public static func < (lhs: Instant, rhs: Instant) -> Bool { lhs.offset < rhs.offset }
        public var description: String { "t+\(offset)" }
    }

    private struct Sleeper {
        var id: UInt64
        var deadline: Instant
        var continuation: CheckedContinuation<Void, any Error>
    }

    private struct State {
        var now = Instant(offset: .zero)
        var nextID: UInt64 = 0
        var sleepers: [Sleeper] = []
        var cancelledBeforeInstall: Set<UInt64> = []
        var waitersForSleepers: [(count: Int, continuation: CheckedContinuation<Void, Never>)] = []
    }

    private let state = Mutex(State())

    /// A clock at its origin.
    public init() {}

    public var now: Instant { state.withLock { $0.now } }
    public var minimumResolution: Duration { .nanoseconds(1) }

    /// The number of tasks currently sleeping on this clock.
    public var sleeperCount: Int { state.withLock { $0.sleepers.count } }

    /// Cancellations recorded for sleepers that had not yet installed themselves; zero when no `sleep` is
    /// in progress (the tests check nothing is left behind).
    var pendingCancellationCount: Int { state.withLock { $0.cancelledBeforeInstall.count } }

    public func sleep(until deadline: Instant, tolerance: Duration? = nil) async throws {
        let id = state.withLock { state in
            state.nextID += 1
            return state.nextID
        }
        // A cancellation that arrives after `advance` woke this sleeper, but before the handler is removed,
        // finds no sleeper and records the id as cancelled-before-install; forget it once the handler is gone.
        defer { state.withLock { _ = $0.cancelledBeforeInstall.remove(id) } }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                let action: Result<Void, any Error>? = state.withLock { state in
                    if state.cancelledBeforeInstall.remove(id) != nil { return .failure(CancellationError()) }
                    if deadline <= state.now { return .success(()) }
                    state.sleepers.append(Sleeper(id: id, deadline: deadline, continuation: continuation))
                    resumeSleeperWaiters(&state)
                    return nil
                }
                if let action { continuation.resume(with: action) }
            }
        } onCancel: {
            let continuation: CheckedContinuation<Void, any Error>? = state.withLock { state in
                if let index = state.sleepers.firstIndex(where: { $0.id == id }) {
                    return state.sleepers.remove(at: index).continuation
                }
                state.cancelledBeforeInstall.insert(id)
                return nil
            }
            continuation?.resume(throwing: CancellationError())
        }
    }

    /// Moves the clock forward and wakes every sleeper whose deadline has been reached, earliest first.
    public func advance(by duration: Duration) {
        precondition(duration >= .zero, "ManualClock cannot go backwards")
        _ = wake { $0.advanced(by: duration) }
    }

    /// The earliest deadline among the tasks sleeping on this clock, or `nil` when none sleeps.
    public var nextDeadline: Instant? { state.withLock { $0.sleepers.map(\.deadline).min() } }

    /// Moves the clock to `instant` (never backwards: an earlier instant leaves it where it is) and wakes
    /// every sleeper whose deadline has been reached, earliest first; returns how many it woke.
    ///
    /// A discrete-event simulator steps with `advance(to: nextDeadline)`: time jumps straight to the next
    /// thing that happens.
    @discardableResult
    public func advance(to instant: Instant) -> Int {
        wake { now in max(now, instant) }
    }

    /// Moves the clock to `target(now)` atomically and wakes the sleepers that are due, earliest first.
    private func wake(_ target: (Instant) -> Instant) -> Int {
        let due: [Sleeper] = state.withLock { state in
            state.now = target(state.now)
            let now = state.now
            let due = state.sleepers.filter { $0.deadline <= now }.sorted { ($0.deadline, $0.id) < ($1.deadline, $1.id) }
            state.sleepers.removeAll { $0.deadline <= now }
            return due
        }
        for sleeper in due { sleeper.continuation.resume() }
        return due.count
    }

    /// Suspends until at least `count` tasks sleep on this clock — how a test knows the engine is waiting on
    /// a deadline before it advances time.
    public func waitForSleepers(_ count: Int) async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let ready = state.withLock { state in
                if state.sleepers.count >= count { return true }
                state.waitersForSleepers.append((count, continuation))
                return false
            }
            if ready { continuation.resume() }
        }
    }

    private func resumeSleeperWaiters(_ state: inout State) {
        let count = state.sleepers.count
        let ready = state.waitersForSleepers.filter { $0.count <= count }
        state.waitersForSleepers.removeAll { $0.count <= count }
        // Resuming inside the lock is safe: a checked continuation only enqueues the waiting task.
        for waiter in ready { waiter.continuation.resume() }
    }
}
