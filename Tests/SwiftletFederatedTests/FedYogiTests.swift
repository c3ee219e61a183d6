import Testing
@testable import SwiftletFederated

@Suite struct FedYogiTests {
    typealias H = AveragingHarness

    /// The data of ``FedAdamTests``: round 1 Δ = [1, 2, 2] from x = [1, 2, 0]; round 2 avg = [2, 2, 1.5].
    static let firstRound = [H.update(1, [3, 2, 4]), H.update(2, [1, 6, 0])]
    static let secondRound = [H.update(1, [2, 1, 1], examples: 3), H.update(2, [2, 5, 3], examples: 1)]

    static func strategy() throws -> FedYogi { try FedYogi(learningRate: 1, beta1: 0.5, beta2: 0.75, tau: 0.5) }

    @Test func firstRoundFromZeroMomentsMatchesAdam() throws {
        var strategy = try Self.strategy()
        let x = try H.round(&strategy, global: [1, 2, 0], updates: Self.firstRound)
        // v = 0 − 0.25 Δ² sign(0 − Δ²) = 0.25 Δ² = [0.25, 1, 1]: the same first step as FedAdam's.
        #expect(strategy.moments.second == [0.25, 1, 1])
        #expect(H.close(x, [1.5, 2 + 2.0 / 3, 2.0 / 3]))
    }

    @Test func secondRoundMovesTheSecondMomentAdditively() throws {
        var strategy = try Self.strategy()
        let x1 = try H.round(&strategy, global: [1, 2, 0], updates: Self.firstRound)
        let x2 = try H.round(&strategy, round: 2, global: x1, updates: Self.secondRound)
        // Δ = [0.5, −2/3, 5/6], Δ² = [1/4, 4/9, 25/36]. v − Δ² = [0, +, +], so v ← v − 0.25 Δ² sign(·) =
        // [0.25 (sign 0), 1 − 1/9, 1 − 25/144]; m = [0.5, 1/6, 11/12]; x2 = x1 + m / (√v + 0.5).
        #expect(H.close(strategy.moments.second, [0.25, 8.0 / 9, 119.0 / 144]))
        #expect(H.close(x2, [2, 2.78218207, 1.31721887]))
    }

    @Test func defaultsAreFlowers() throws {
        let strategy = try FedYogi()
        #expect([strategy.optimizer.learningRate, strategy.optimizer.beta1, strategy.optimizer.beta2, strategy.optimizer.tau] == [0.01, 0.9, 0.99, 1e-3])
    }

    @Test func negativeBeta1IsRejected() {
        #expect(throws: AggregationError.invalidConfiguration(strategy: "FedYogi", reason: "beta1 must lie in [0, 1), got -0.5")) {
            _ = try FedYogi(beta1: -0.5)
        }
    }
}
