import SwiftletFleetNode
import SwiftletTensor
import Testing

@Suite struct ReconnectPolicyTests {
    @Test func ceilingDoublesFromBaseUntilTheCap() {
        let policy = ReconnectPolicy(base: .milliseconds(500), cap: .seconds(5))
        #expect(policy.ceiling(attempt: 0) == .milliseconds(500))
        #expect(policy.ceiling(attempt: 1) == .seconds(1))
        #expect(policy.ceiling(attempt: 3) == .seconds(4))
        #expect(policy.ceiling(attempt: 4) == .seconds(5))
        #expect(policy.ceiling(attempt: 1_000_000) == .seconds(5))
    }

    @Test func delayStaysWithinTheCeilingAndIsSeeded() {
        let policy = ReconnectPolicy(base: .seconds(1), cap: .seconds(8))
        var first = SeededGenerator(seed: 7)
        var second = SeededGenerator(seed: 7)
        for attempt in 0..<20 {
            let delay = policy.delay(attempt: attempt, generator: &first)
            #expect(delay >= .zero && delay <= policy.ceiling(attempt: attempt))
            #expect(delay == policy.delay(attempt: attempt, generator: &second))
        }
    }

    @Test func maxAttemptsLimitsRetries() {
        let policy = ReconnectPolicy(maxAttempts: 3)
        #expect(policy.allowsRetry(after: 2))
        #expect(!policy.allowsRetry(after: 3))
        #expect(ReconnectPolicy().allowsRetry(after: 1_000))
    }
}
