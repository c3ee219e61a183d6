import Synchronization

/// A task executor that runs jobs only when the test drains it, one at a time and in arrival order.
///
/// Tasks started with this executor as their preference run their nonisolated code here, and a task resumed
/// by a continuation is enqueued here too. So the order in which code resumes continuations (the clock
/// waking sleepers, say) becomes the order in which the tasks run — observable without timing or threads.
final class QueueExecutor: TaskExecutor {
    private let jobs = Mutex<[UnownedJob]>([])

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        jobs.withLock { $0.append(job) }
    }

    /// Runs queued jobs on the calling thread, including jobs they enqueue, until none is left.
    func drain() {
        while let job = jobs.withLock({ $0.isEmpty ? nil : $0.removeFirst() }) {
            job.runSynchronously(on: asUnownedTaskExecutor())
        }
    }
}
