import Testing
import SwiftletTensor
@testable import SwiftletFederated

@Suite struct QFedAvgTests {
    typealias H = AveragingHarness

    /// From x = [1, 1]: node 1 returns [0, 1] with loss 2 (x − w = [1, 0], ‖·‖² = 1); node 2 returns [1, 3] with
    /// loss 1 (x − w = [0, −2], ‖·‖² = 4). Node 2 trained on three times the examples, which q-FedAvg ignores.
    static let updates = [
        H.update(1, [0, 1], examples: 1, metrics: ["initial-loss": 2.0]),
        H.update(2, [1, 3], examples: 3, metrics: ["initial-loss": 1]),
    ]

    @Test func keysAreTheClientsKeys() {
        #expect(QFedAvg.reportInitialLossKey == "report-initial-loss")
        #expect(QFedAvg.initialLossMetric == "initial-loss")
    }

    @Test func fitInstructionsRequestTheInitialLoss() throws {
        let strategy = try QFedAvg(options: StrategyOptions(fitConfig: { _ in ["local-epochs": 1] }))
        let config = try #require(strategy.configureFit(round: 1, parameters: H.record([1]), nodes: [4])[4]).config
        #expect(config["report-initial-loss"] == .bool(true))
        #expect(config["local-epochs"] == .int(1))
    }

    @Test func qOneStepsByTheLossWeightedDeltasOverTheCurvatures() throws {
        var strategy = try QFedAvg(q: 1, learningRate: 0.5)
        let x = try H.round(&strategy, global: [1, 1], updates: Self.updates)
        // L = 2. Node 1: Δ = L F (x − w) = 4 [1, 0]; h = q F⁰ L² ‖x − w‖² + L F = 4 + 4 = 8.
        // Node 2: Δ = 2 [0, −2] = [0, −4]; h = 4·4 + 2 = 18. x ← x − [4, −4] / 26.
        let expected: [Double] = [1 - 4.0 / 26, 1 + 4.0 / 26]
        #expect(H.close(x, expected))
    }

    @Test func qTwoWeighsTheWorseServedNodeMore() throws {
        var strategy = try QFedAvg(q: 2, learningRate: 0.5)
        let x = try H.round(&strategy, global: [1, 1], updates: Self.updates)
        // Node 1: Δ = L F² (x − w) = 8 [1, 0]; h = 2 F L² ‖x − w‖² + L F² = 16 + 8 = 24.
        // Node 2: Δ = 2 [0, −2] = [0, −4]; h = 2·1·4·4 + 2 = 34. x ← x − [8, −4] / 58.
        let expected: [Double] = [1 - 8.0 / 58, 1 + 4.0 / 58]
        #expect(H.close(x, expected))
    }

    @Test func qZeroIsTheUnweightedMeanOfTheModels() throws {
        var strategy = try QFedAvg(q: 0, learningRate: 0.5)
        let x = try H.round(&strategy, global: [1, 1], updates: Self.updates)
        // q = 0: F⁰ = 1, so Δ_k = L(x − w_k) and h_k = L; x − Σ L(x − w_k) / (K L) = x − (x − mean w) = mean w,
        // whatever the losses and example counts: ([0, 1] + [1, 3]) / 2.
        #expect(H.close(x, [0.5, 2]))
    }

    @Test func secondRoundStartsFromTheNewModelWithNewLosses() throws {
        var strategy = try QFedAvg(q: 1, learningRate: 0.5)
        let x1 = try H.round(&strategy, global: [1, 1], updates: Self.updates)
        // q-FedAvg keeps no state: round 2 from x1 with one node at w = x1 − [1, 0] and loss 4 (Δ = 8 [1, 0],
        // h = 4 + 8 = 12) moves x1 by −8/12 [1, 0].
        let w = [x1[0] - 1, x1[1]]
        let x2 = try H.round(&strategy, round: 2, global: x1, updates: [H.update(1, w, metrics: ["initial-loss": 4.0])])
        let expected: [Double] = [Double(x1[0]) - 8.0 / 12, Double(x1[1])]
        #expect(H.close(x2, expected))
    }

    @Test func curvatureWithQZeroIsLEvenForAZeroLoss() {
        // q = 0 drops the q F^(q−1) ‖Δw‖² term outright, so a zero loss cannot turn it into 0 × ∞.
        #expect(Aggregation.qFedAvgCurvature(loss: 0, q: 0, lipschitz: 2, squaredDistance: 5) == 2)
    }

    @Test func zeroLossWithFractionalQGivesAFiniteCurvature() {
        // F = 10⁻¹⁰ (the offset): h = 0.5 · (10⁻¹⁰)^(−0.5) · 1 · 1 + 1 · (10⁻¹⁰)^0.5 = 0.5 · 10⁵ + 10⁻⁵.
        let h = Aggregation.qFedAvgCurvature(loss: 0, q: 0.5, lipschitz: 1, squaredDistance: 1)
        #expect(abs(h - (0.5e5 + 1e-5)) < 1e-6)
    }

    @Test func updateWithoutInitialLossIsRejected() throws {
        let strategy = try QFedAvg()
        let reason = strategy.validate(H.update(1, [0, 0]), round: 1, global: H.record([0, 0]))
        #expect(reason == "metric 'initial-loss' is missing; q-FedAvg needs each node's loss on the received model")
    }

    @Test func negativeInitialLossIsRejected() throws {
        let strategy = try QFedAvg()
        let reason = strategy.validate(H.update(1, [0, 0], metrics: ["initial-loss": -0.5]), round: 1, global: H.record([0, 0]))
        #expect(reason == "metric 'initial-loss' is -0.5, expected a finite number ≥ 0")
    }

    @Test func nonFiniteInitialLossIsRejected() throws {
        let strategy = try QFedAvg()
        let reason = strategy.validate(H.update(1, [0, 0], metrics: ["initial-loss": .double(.nan)]), round: 1, global: H.record([0, 0]))
        #expect(reason == "metric 'initial-loss' is nan, expected a finite number ≥ 0")
    }

    @Test func validInitialLossIsAccepted() throws {
        let strategy = try QFedAvg()
        #expect(strategy.validate(Self.updates[0], round: 1, global: H.record([1, 1])) == nil)
    }

    @Test func negativeQIsRejected() {
        #expect(throws: AggregationError.invalidConfiguration(strategy: "QFedAvg", reason: "q must be a finite number ≥ 0, got -1.0")) {
            _ = try QFedAvg(q: -1)
        }
    }

    @Test func zeroLearningRateIsRejected() {
        #expect(throws: AggregationError.invalidConfiguration(strategy: "QFedAvg", reason: "learning rate must be a finite number > 0, got 0.0")) {
            _ = try QFedAvg(learningRate: 0)
        }
    }
}
