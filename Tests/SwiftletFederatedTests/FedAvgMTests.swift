import Testing
@testable import SwiftletFederated

@Suite struct FedAvgMTests {
    typealias H = AveragingHarness

    /// Round 1 from x = [1, 2, 3]: avg = (1·[0, 2, 4] + 3·[2, 0, 1]) / 4 = [1.5, 0.5, 1.75], Δ = x − avg = [−0.5, 1.5, 1.25].
    static let firstRound = [H.update(1, [0, 2, 4], examples: 1), H.update(2, [2, 0, 1], examples: 3)]

    @Test func firstRoundVelocityIsThePseudoGradient() throws {
        var strategy = try FedAvgM(serverLearningRate: 0.5, serverMomentum: 0.9)
        let x = try H.round(&strategy, global: [1, 2, 3], updates: Self.firstRound)
        // v = Δ; x ← x − 0.5 v = [1.25, 1.25, 2.375].
        #expect(strategy.velocity == [-0.5, 1.5, 1.25])
        #expect(H.close(x, [1.25, 1.25, 2.375]))
    }

    @Test func secondRoundAddsTheDecayedVelocity() throws {
        var strategy = try FedAvgM(serverLearningRate: 0.5, serverMomentum: 0.9)
        let x1 = try H.round(&strategy, global: [1, 2, 3], updates: Self.firstRound)
        // avg = [1.5, 1, 2.5]; Δ = x1 − avg = [−0.25, 0.25, −0.125]; v = 0.9 [−0.5, 1.5, 1.25] + Δ = [−0.7, 1.6, 1];
        // x2 = x1 − 0.5 v = [1.6, 0.45, 1.875].
        let x2 = try H.round(&strategy, round: 2, global: x1, updates: [H.update(1, [1, 1, 2]), H.update(2, [2, 1, 3])])
        #expect(H.close(strategy.velocity, [-0.7, 1.6, 1]))
        #expect(H.close(x2, [1.6, 0.45, 1.875]))
    }

    @Test func defaultSettingsReturnTheWeightedAverage() throws {
        var strategy = try FedAvgM()
        let x = try H.round(&strategy, global: [1, 2, 3], updates: Self.firstRound)
        #expect(x == [1.5, 0.5, 1.75])
    }

    @Test func nonFiniteRoundKeepsTheVelocity() throws {
        var strategy = try FedAvgM(serverLearningRate: 0.5, serverMomentum: 0.9)
        _ = try H.round(&strategy, global: [1, 2, 3], updates: Self.firstRound)
        let huge = Float.greatestFiniteMagnitude
        #expect(throws: AggregationError.nonFiniteAggregate(strategy: "FedAvgM")) {
            _ = try H.round(&strategy, round: 2, global: [1, 2, 3],
                            updates: [H.update(1, [huge, 0, 0]), H.update(2, [huge, 0, 0])])
        }
        #expect(strategy.velocity == [-0.5, 1.5, 1.25])
    }

    @Test func momentumOfOneIsRejected() {
        #expect(throws: AggregationError.invalidConfiguration(strategy: "FedAvgM", reason: "server momentum must lie in [0, 1), got 1.0")) {
            _ = try FedAvgM(serverMomentum: 1)
        }
    }

    @Test func negativeServerLearningRateIsRejected() {
        #expect(throws: AggregationError.invalidConfiguration(strategy: "FedAvgM", reason: "server learning rate must be a finite number > 0, got -0.1")) {
            _ = try FedAvgM(serverLearningRate: -0.1)
        }
    }
}
