import Synchronization

/// Runs one call to a node in its own task so a round can stop waiting at its deadline.
///
/// A round must never hang on a node: a device may never answer, and a client that ignores cancellation
/// cannot be forced to return. So the call runs in a separate task, and the round's task waits on a
/// continuation that either the call's result or the round's cancellation resumes — whichever comes first.
/// Cancellation is passed on to the call, so well-behaved clients stop early; a result that still arrives
/// afterwards is handed to `late`, so the engine can record it as discarded.
enum NodeCall {
    private enum State<T: Sendable> {
        case pending(CheckedContinuation<Result<T, any Error>?, Never>?)
        case finished
        case abandoned
    }

    private final class Box<T: Sendable>: Sendable {
        let state = Mutex<State<T>>(.pending(nil))
        let task = Mutex<Task<Void, Never>?>(nil)
    }

    static func run<T: Sendable>(
        _ operation: @escaping @Sendable () async throws -> T,
        late: @escaping @Sendable (Result<T, any Error>) -> Void
    ) async -> Result<T, any Error>? {
        let box = Box<T>()
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Result<T, any Error>?, Never>) in
                let abandoned = box.state.withLock { current -> Bool in
                    if case .abandoned = current { return true }
                    current = .pending(continuation)
                    return false
                }
                if abandoned {
                    continuation.resume(returning: nil)
                    return
                }
                let call = Task {
                    let result: Result<T, any Error>
                    do { result = .success(try await operation()) } catch { result = .failure(error) }
                    let waiting = box.state.withLock { current -> CheckedContinuation<Result<T, any Error>?, Never>?? in
                        switch current {
                        case .pending(let continuation):
                            current = .finished
                            return .some(continuation)
                        case .finished, .abandoned:
                            return .none
                        }
                    }
                    if let waiting { waiting?.resume(returning: result) } else { late(result) }
                }
                box.task.withLock { $0 = call }
                // The round may have been cancelled between installing the continuation and storing the task,
                // when the cancellation handler found no task to cancel: pass the cancellation on here.
                let abandonedMeanwhile = box.state.withLock { current -> Bool in
                    if case .abandoned = current { return true }
                    return false
                }
                if abandonedMeanwhile { call.cancel() }
            }
        } onCancel: {
            let waiting = box.state.withLock { current -> CheckedContinuation<Result<T, any Error>?, Never>? in
                guard case .pending(let continuation) = current else { return nil }
                current = .abandoned
                return continuation
            }
            waiting?.resume(returning: nil)
            box.task.withLock { $0 }?.cancel()
        }
    }
}
