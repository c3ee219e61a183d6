import Dispatch

/// Runs work that may block on the disk on a Dispatch thread, not on one of Swift concurrency's threads.
///
/// The cooperative pool has as many threads as cores (two on the benchmark machine): a write that waits for
/// the disk there stalls every request and the round engine with it, and an app embedding the server shares
/// that pool with everything else it runs. Uploads' staging and the spare files a fresh deployment prepares
/// both go through here.
public enum BlockingIO {
    /// Runs `body` on a global Dispatch queue and answers what it returns or throws.
    public static func run<T: Sendable, E: Error>(_ body: @escaping @Sendable () throws(E) -> T) async throws(E) -> T {
        let result = await withCheckedContinuation { (continuation: CheckedContinuation<Result<T, E>, Never>) in
            DispatchQueue.global(qos: .userInitiated).async {
                continuation.resume(returning: Result { () throws(E) -> T in try body() })
            }
        }
        return try result.get()
    }
}
