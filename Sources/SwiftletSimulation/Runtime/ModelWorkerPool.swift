import SwiftletFederated
import SwiftletNN
import Synchronization

/// A few models shared by many virtual clients: one per worker, lent to whichever client trains next.
///
/// What makes a simulated device cost bytes rather than a model: a federation of 100,000 clients holds as
/// many models as it has workers (usually the number of cores), so memory is O(workers × model + data).
/// A client borrows a worker for the length of its fit or evaluate and returns it; when all are busy it waits
/// in line, first come first served. Each worker's model runs its kernels on one thread, since the
/// parallelism is across clients.
public final class ModelWorkerPool: Sendable {
    /// One worker: a trainer and the model it owns.
    ///
    /// `@unchecked Sendable` because the model is a non-`Sendable` class: the pool lends each worker to one
    /// task at a time, and takes it back before lending it again, which is the exclusivity the compiler
    /// cannot see.
    final class Worker: @unchecked Sendable {
        let trainer: LocalTrainer
        init(trainer: LocalTrainer) { self.trainer = trainer }
    }

    private let state: Mutex<(idle: [Worker], waiting: [CheckedContinuation<Worker, Never>])>
    /// The number of workers.
    public let workerCount: Int
    /// The parameter count of the workers' models.
    public let parameterCount: Int
    /// The input size the workers' models take.
    public let inputSize: Int
    /// The output size of the workers' models.
    public let outputSize: Int

    /// A pool of `workers` models built by `makeModel`, which must build the same architecture every time.
    ///
    /// - Throws: whatever `makeModel` throws.
    public init(workers: Int, makeModel: () throws -> sending Sequential) rethrows {
        precondition(workers >= 1, "ModelWorkerPool needs at least one worker")
        var made: [Worker] = []
        for _ in 0..<workers { made.append(Worker(trainer: LocalTrainer(model: try makeModel()))) }
        let first = made[0].trainer.model
        workerCount = workers
        parameterCount = first.parameterCount
        inputSize = first.inputSize
        outputSize = first.outputSize
        state = Mutex((made, []))
    }

    /// A pool of `workers` copies of a zoo model (their initial parameters do not matter: every fit and
    /// evaluation loads the parameters it is sent).
    public convenience init(preset: ModelPreset, workers: Int) {
        self.init(workers: workers) { try! Sequential(preset: preset, seed: 0) }
    }

    /// The number of workers not lent out right now.
    public var idleCount: Int { state.withLock { $0.idle.count } }

    /// Runs `body` with a worker's trainer, waiting for one if all are busy, and returns the worker after.
    public func withTrainer<R: Sendable, E: Error>(_ body: (LocalTrainer) throws(E) -> R) async throws(E) -> R {
        let worker = await borrow()
        defer { giveBack(worker) }
        return try body(worker.trainer)
    }

    private func borrow() async -> Worker {
        await withCheckedContinuation { (continuation: CheckedContinuation<Worker, Never>) in
            let worker: Worker? = state.withLock { state in
                if let worker = state.idle.popLast() { return worker }
                state.waiting.append(continuation)
                return nil
            }
            if let worker { continuation.resume(returning: worker) }
        }
    }

    private func giveBack(_ worker: Worker) {
        let next: CheckedContinuation<Worker, Never>? = state.withLock { state in
            if state.waiting.isEmpty {
                state.idle.append(worker)
                return nil
            }
            return state.waiting.removeFirst()
        }
        next?.resume(returning: worker)
    }
}
