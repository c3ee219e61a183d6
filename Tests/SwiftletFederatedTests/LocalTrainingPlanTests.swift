import Testing
import SwiftletNN
import SwiftletFederated

@Suite struct LocalTrainingPlanTests {
    @Test func emptyConfigGivesTheDocumentedDefaults() throws {
        let plan = try LocalTrainingPlan(config: [:])
        #expect(plan == LocalTrainingPlan(epochs: 1, steps: nil, batchSize: 32, learningRate: 0.01, momentum: 0,
                                          weightDecay: 0, optimizer: .sgd, proximalMu: 0, scaffold: false,
                                          reportInitialLoss: false, seed: nil))
    }

    @Test func everyKeyIsRead() throws {
        let config: ConfigRecord = [
            FitConfigKey.localEpochs: 3, FitConfigKey.localSteps: 40, FitConfigKey.batchSize: 16,
            FitConfigKey.learningRate: 0.5, FitConfigKey.momentum: 0.9, FitConfigKey.weightDecay: 0.001,
            FitConfigKey.optimizer: "sgd", FitConfigKey.proximalMu: 0.1, FitConfigKey.scaffold: true,
            FitConfigKey.reportInitialLoss: true, FitConfigKey.seed: -5,
        ]
        let plan = try LocalTrainingPlan(config: config)
        #expect(plan == LocalTrainingPlan(epochs: 3, steps: 40, batchSize: 16, learningRate: 0.5, momentum: 0.9,
                                          weightDecay: 0.001, optimizer: .sgd, proximalMu: 0.1, scaffold: true,
                                          reportInitialLoss: true, seed: -5))
    }

    @Test func integerLearningRateIsAccepted() throws {
        #expect(try LocalTrainingPlan(config: [FitConfigKey.learningRate: 1]).learningRate == 1)
    }

    @Test func adamIsSelectedByName() throws {
        let plan = try LocalTrainingPlan(config: [FitConfigKey.optimizer: "adam", FitConfigKey.learningRate: 0.002])
        #expect(plan.optimizer == .adam)
        let optimizer = try #require(plan.makeOptimizer() as? Adam)
        #expect(optimizer.learningRate == 0.002)
    }

    @Test func sgdCarriesMomentumAndWeightDecay() throws {
        let plan = try LocalTrainingPlan(config: [FitConfigKey.momentum: 0.5, FitConfigKey.weightDecay: 0.25])
        let optimizer = try #require(plan.makeOptimizer() as? SGD)
        #expect(optimizer.momentum == 0.5 && optimizer.weightDecay == 0.25 && optimizer.learningRate == 0.01)
    }

    static let outOfRange: [(String, ConfigValue)] = [
        (FitConfigKey.localEpochs, 0), (FitConfigKey.localEpochs, -2), (FitConfigKey.localEpochs, 10_001),
        (FitConfigKey.localSteps, 0), (FitConfigKey.localSteps, 10_000_001),
        (FitConfigKey.batchSize, 0), (FitConfigKey.batchSize, -32), (FitConfigKey.batchSize, .int(1 << 24 + 1)),
        (FitConfigKey.learningRate, 0), (FitConfigKey.learningRate, -0.1), (FitConfigKey.learningRate, .double(.infinity)),
        (FitConfigKey.learningRate, .double(.nan)), (FitConfigKey.learningRate, 1e300), (FitConfigKey.learningRate, 1e-300),
        (FitConfigKey.momentum, -0.1), (FitConfigKey.momentum, 1), (FitConfigKey.momentum, .double(.nan)),
        (FitConfigKey.weightDecay, -1), (FitConfigKey.weightDecay, .double(.infinity)),
        (FitConfigKey.optimizer, "rmsprop"), (FitConfigKey.optimizer, "SGD"),
        (FitConfigKey.proximalMu, -0.01), (FitConfigKey.proximalMu, .double(.nan)),
    ]

    @Test(arguments: outOfRange)
    func outOfRangeValueIsRejectedNamingItsKey(key: String, value: ConfigValue) {
        #expect {
            try LocalTrainingPlan(config: [key: value])
        } throws: { error in
            guard case .invalidValue(let named, _, _) = error as? RecordError else { return false }
            return named == key
        }
    }

    @Test func momentumWithAdamIsRejectedNamingMomentum() {
        #expect {
            try LocalTrainingPlan(config: [FitConfigKey.optimizer: "adam", FitConfigKey.momentum: 0.9])
        } throws: { error in
            guard case .invalidValue(let key, _, _) = error as? RecordError else { return false }
            return key == FitConfigKey.momentum
        }
    }

    @Test func valueOfTheWrongTypeIsATypeMismatch() {
        #expect(throws: RecordError.typeMismatch(key: FitConfigKey.localEpochs, expected: "int", actual: "string")) {
            try LocalTrainingPlan(config: [FitConfigKey.localEpochs: "3"])
        }
        #expect(throws: RecordError.typeMismatch(key: FitConfigKey.scaffold, expected: "bool", actual: "int")) {
            try LocalTrainingPlan(config: [FitConfigKey.scaffold: 1])
        }
    }

    @Test func unknownKeysAreIgnored() throws {
        #expect(try LocalTrainingPlan(config: ["server-round": 4, "custom": "x"]) == LocalTrainingPlan())
    }

    @Test func totalStepsAreEpochsTimesBatchesRoundedUp() {
        // 50 samples in batches of 8: ⌈50/8⌉ = 7 steps per epoch, 21 over three epochs.
        let plan = LocalTrainingPlan(epochs: 3, batchSize: 8)
        #expect(plan.stepsPerEpoch(sampleCount: 50) == 7)
        #expect(plan.totalSteps(sampleCount: 50) == 21)
        #expect(LocalTrainingPlan(epochs: 2, batchSize: 64).totalSteps(sampleCount: 50) == 2)
    }

    @Test func localStepsReplaceEpochs() {
        #expect(LocalTrainingPlan(epochs: 3, steps: 10, batchSize: 8).totalSteps(sampleCount: 50) == 10)
    }

    @Test func evaluationBatchSizeIsReadAlone() throws {
        #expect(try LocalTrainingPlan.batchSize(in: [FitConfigKey.batchSize: 5, FitConfigKey.localEpochs: -1]) == 5)
        #expect(try LocalTrainingPlan.batchSize(in: [:]) == nil)
    }
}
