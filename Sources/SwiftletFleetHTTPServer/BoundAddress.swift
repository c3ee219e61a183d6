import SwiftletFleetProtocol

/// The port a server bound, for callers that wait for it; a state machine from waiting to bound or stopped.
actor BoundAddress {
    private enum State {
        case waiting([CheckedContinuation<Int, any Error>])
        case bound(Int)
        case stopped(FleetFailure)
    }

    private var state = State.waiting([])

    /// The bound port, waiting until the server binds or stops.
    func port() async throws(FleetFailure) -> Int {
        switch state {
        case .bound(let port): return port
        case .stopped(let failure): throw failure
        case .waiting: break
        }
        do {
            return try await withCheckedThrowingContinuation { continuation in
                if case .waiting(var waiters) = state {
                    waiters.append(continuation)
                    state = .waiting(waiters)
                } else if case .bound(let port) = state {
                    continuation.resume(returning: port)
                } else if case .stopped(let failure) = state {
                    continuation.resume(throwing: failure)
                }
            }
        } catch let failure as FleetFailure {
            throw failure
        } catch {
            throw FleetFailure(.unavailable, "waiting for the server's port: \(error)")
        }
    }

    /// Records the bound port and wakes the waiters.
    func bind(_ port: Int) {
        if case .waiting(let waiters) = state { waiters.forEach { $0.resume(returning: port) } }
        state = .bound(port)
    }

    /// Records that the server stopped; waiters (and later callers) get `failure`.
    func fail(_ failure: FleetFailure) {
        switch state {
        case .waiting(let waiters):
            waiters.forEach { $0.resume(throwing: failure) }
            state = .stopped(failure)
        case .bound:
            state = .stopped(failure)
        case .stopped:
            break
        }
    }
}
