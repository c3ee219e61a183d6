import SwiftletTensor

/// How long a node waits before trying again after the server could not be reached: capped exponential
/// backoff with "full jitter".
///
/// A fleet of devices that lost the server together must not come back together: each waits a uniformly
/// random time in `[0, min(cap, base · 2^attempt)]` (Brooker, "Exponential Backoff And Jitter", AWS
/// Architecture Blog, 2015), drawn from the node's own seeded generator so a run is reproducible.
public struct ReconnectPolicy: Sendable, Equatable {
    /// The ceiling of the first wait.
    public var base: Duration
    /// The largest wait.
    public var cap: Duration
    /// Give up after this many consecutive failures (`nil`: never).
    public var maxAttempts: Int?

    /// Creates a policy.
    public init(base: Duration = .milliseconds(500), cap: Duration = .seconds(30), maxAttempts: Int? = nil) {
        self.base = base
        self.cap = cap
        self.maxAttempts = maxAttempts
    }

    /// The ceiling of the wait after the `attempt`-th consecutive failure (0-based): `min(cap, base · 2^attempt)`.
    public func ceiling(attempt: Int) -> Duration {
        // Doubled step by step and stopped at the cap, so no attempt count can overflow the arithmetic.
        var wait = max(base, .zero)
        var step = 0
        while step < attempt, wait < cap {
            wait = wait * 2
            step += 1
        }
        return min(cap, wait)
    }

    /// The wait after the `attempt`-th consecutive failure, drawn from `generator`.
    public func delay(attempt: Int, generator: inout SeededGenerator) -> Duration {
        let ceiling = ceiling(attempt: attempt)
        let (seconds, attoseconds) = ceiling.components
        let total = Double(seconds) + Double(attoseconds) * 1e-18
        let fraction = Double(generator.next() >> 11) * 0x1p-53
        return .nanoseconds(Int64((total * fraction * 1e9).rounded(.down)))
    }

    /// Whether another attempt is allowed after `failures` consecutive failures.
    public func allowsRetry(after failures: Int) -> Bool {
        guard let maxAttempts else { return true }
        return failures < maxAttempts
    }
}
