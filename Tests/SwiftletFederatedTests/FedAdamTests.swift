import Testing
@testable import SwiftletFederated

@Suite struct FedAdamTests {
    typealias H = AveragingHarness

    /// Round 1 from x = [1, 2, 0]: avg = [2, 4, 2], Δ = [1, 2, 2]. Round 2: avg = (3·[2, 1, 1] + [2, 5, 3]) / 4 = [2, 2, 1.5].
    static let firstRound = [H.update(1, [3, 2, 4]), H.update(2, [1, 6, 0])]
    static let secondRound = [H.update(1, [2, 1, 1], examples: 3), H.update(2, [2, 5, 3], examples: 1)]

    static func strategy() throws -> FedAdam { try FedAdam(learningRate: 1, beta1: 0.5, beta2: 0.75, tau: 0.5) }

    @Test func firstRoundStepsByTheNormalisedMoment() throws {
        var strategy = try Self.strategy()
        let x = try H.round(&strategy, global: [1, 2, 0], updates: Self.firstRound)
        // m = 0.5 Δ = [0.5, 1, 1]; v = 0.25 Δ² = [0.25, 1, 1]; x += m / (√v + 0.5) = [0.5, 2/3, 2/3].
        #expect(strategy.moments.first == [0.5, 1, 1])
        #expect(strategy.moments.second == [0.25, 1, 1])
        #expect(H.close(x, [1.5, 2 + 2.0 / 3, 2.0 / 3]))
    }

    @Test func secondRoundCarriesBothMoments() throws {
        var strategy = try Self.strategy()
        let x1 = try H.round(&strategy, global: [1, 2, 0], updates: Self.firstRound)
        let x2 = try H.round(&strategy, round: 2, global: x1, updates: Self.secondRound)
        // Δ = [2, 2, 1.5] − x1 = [0.5, −2/3, 5/6]; m = 0.5 m + 0.5 Δ = [0.5, 1/6, 11/12];
        // v = 0.75 v + 0.25 Δ² = [0.25, 31/36, 133/144]; x2 = x1 + m / (√v + 0.5).
        #expect(H.close(strategy.moments.first, [0.5, 1.0 / 6, 11.0 / 12]))
        #expect(H.close(strategy.moments.second, [0.25, 31.0 / 36, 133.0 / 144]))
        #expect(H.close(x2, [2, 2.78338323, 1.29407067]))
    }

    @Test func defaultsAreFlowers() throws {
        let strategy = try FedAdam()
        #expect([strategy.optimizer.learningRate, strategy.optimizer.beta1, strategy.optimizer.beta2, strategy.optimizer.tau] == [0.1, 0.9, 0.99, 1e-9])
    }

    @Test func nonFiniteRoundKeepsTheMoments() throws {
        var strategy = try Self.strategy()
        _ = try H.round(&strategy, global: [1, 2, 0], updates: Self.firstRound)
        let before = strategy.moments
        let huge = Float.greatestFiniteMagnitude
        #expect(throws: AggregationError.nonFiniteAggregate(strategy: "FedAdam")) {
            _ = try H.round(&strategy, round: 2, global: [1, 2, 0], updates: [H.update(1, [huge, 0, 0]), H.update(2, [huge, 0, 0])])
        }
        #expect(strategy.moments == before)
    }

    @Test func beta2OfOneIsRejected() {
        #expect(throws: AggregationError.invalidConfiguration(strategy: "FedAdam", reason: "beta2 must lie in [0, 1), got 1.0")) {
            _ = try FedAdam(beta2: 1)
        }
    }

    @Test func zeroTauIsRejected() {
        #expect(throws: AggregationError.invalidConfiguration(strategy: "FedAdam", reason: "tau must be a finite number > 0, got 0.0")) {
            _ = try FedAdam(tau: 0)
        }
    }
}
