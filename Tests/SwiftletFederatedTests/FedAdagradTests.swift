import Testing
@testable import SwiftletFederated

@Suite struct FedAdagradTests {
    typealias H = AveragingHarness

    /// The data of ``FedAdamTests``: round 1 Δ = [1, 2, 2] from x = [1, 2, 0]; round 2 avg = [2, 2, 1.5].
    static let firstRound = [H.update(1, [3, 2, 4]), H.update(2, [1, 6, 0])]
    static let secondRound = [H.update(1, [2, 1, 1], examples: 3), H.update(2, [2, 5, 3], examples: 1)]

    @Test func firstRoundDividesByTheRootOfTheSquare() throws {
        var strategy = try FedAdagrad(learningRate: 1, tau: 0.5)
        let x = try H.round(&strategy, global: [1, 2, 0], updates: Self.firstRound)
        // β₁ = 0: m = Δ = [1, 2, 2]; v = Δ² = [1, 4, 4]; x += m / (√v + 0.5) = [2/3, 0.8, 0.8].
        #expect(strategy.moments.second == [1, 4, 4])
        #expect(H.close(x, [1 + 2.0 / 3, 2.8, 0.8]))
    }

    @Test func secondRoundAccumulatesSquares() throws {
        var strategy = try FedAdagrad(learningRate: 1, tau: 0.5)
        let x1 = try H.round(&strategy, global: [1, 2, 0], updates: Self.firstRound)
        let x2 = try H.round(&strategy, round: 2, global: x1, updates: Self.secondRound)
        // Δ = [2, 2, 1.5] − [5/3, 2.8, 0.8] = [1/3, −0.8, 0.7]; v = [1 + 1/9, 4.64, 4.49]; x2 = x1 + Δ / (√v + 0.5).
        #expect(H.close(strategy.moments.second, [1 + 1.0 / 9, 4.64, 4.49]))
        #expect(H.close(x2, [1.88115411, 2.49857569, 1.06728146]))
    }

    @Test func beta1AddsMomentumAsInThePaper() throws {
        var strategy = try FedAdagrad(learningRate: 1, beta1: 0.5, tau: 0.5)
        let x1 = try H.round(&strategy, global: [1, 2, 0], updates: Self.firstRound)
        // Round 1: m = 0.5 Δ = [0.5, 1, 1], v = [1, 4, 4], x1 = [1 + 1/3, 2.4, 0.4]. Round 2: Δ = [2/3, −0.4, 1.1];
        // m = [7/12, 0.3, 1.05]; v = [1 + 4/9, 4.16, 5.21]; x2 = x1 + m / (√v + 0.5).
        let x2 = try H.round(&strategy, round: 2, global: x1, updates: Self.secondRound)
        #expect(H.close(strategy.moments.first, [7.0 / 12, 0.3, 1.05]))
        #expect(H.close(x2, [1.67609749, 2.51812848, 0.77735273]))
    }

    @Test func defaultsAreFlowers() throws {
        let strategy = try FedAdagrad()
        #expect([strategy.optimizer.learningRate, strategy.optimizer.beta1, strategy.optimizer.tau] == [0.1, 0, 1e-9])
    }

    @Test func negativeLearningRateIsRejected() {
        #expect(throws: AggregationError.invalidConfiguration(strategy: "FedAdagrad", reason: "learning rate must be a finite number > 0, got -1.0")) {
            _ = try FedAdagrad(learningRate: -1)
        }
    }
}
