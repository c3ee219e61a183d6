import Testing
import SwiftletTensor
import SwiftletNN
import SwiftletData
import SwiftletFederated

@Suite struct ModelClientTests {
    typealias Data = ClientTestData

    func instruction(round: Int = 1, _ config: ConfigRecord, parameters: ArrayRecord? = nil) -> FitInstruction {
        FitInstruction(round: round, parameters: parameters ?? ArrayRecord(model: Data.model()), config: config)
    }

    @Test func fitChangesParametersAndLowersLoss() async throws {
        let client = Data.client()
        let start = ArrayRecord(model: Data.model())
        let before = try await client.evaluate(EvaluateInstruction(round: 1, parameters: start))
        let result = try await client.fit(instruction([FitConfigKey.localEpochs: 5, FitConfigKey.learningRate: 0.1,
                                                       FitConfigKey.batchSize: 10]))
        let trained = Data.parameters(of: result)
        let after = try await client.evaluate(EvaluateInstruction(round: 1, parameters: trained))
        #expect(trained.values != start.values)
        #expect(trained.specs == start.specs)
        #expect(after.loss < before.loss * 0.8)
    }

    @Test func fitIsSequentialFitWithTheRoundsShuffleGenerator() async throws {
        // Independent reference: the same training written directly against SwiftletNN.
        let data = Data.blobs(count: 50, seed: 3)
        let reference = Data.model()
        var generator = SeededGenerator(seed: 7).split(stream: 4)
        let history = try reference.fit(features: data.features, labels: data.labels, epochs: 2, batchSize: 8,
                                        optimizer: SGD(learningRate: 0.05), generator: &generator)
        let result = try await Data.client(seed: 7).fit(instruction(round: 4, [FitConfigKey.localEpochs: 2, FitConfigKey.batchSize: 8,
                                                                               FitConfigKey.learningRate: 0.05]))
        #expect(Data.parameters(of: result).values == reference.parameterVector)
        #expect(result.metrics.scalar(MetricKey.loss) == Double(history.last!.loss))
        #expect(result.metrics.scalar(MetricKey.accuracy) == Double(history.last!.accuracy))
        #expect(result.exampleCount == 50)
    }

    @Test func sameSeedAndRoundGiveBitIdenticalParameters() async throws {
        let config: ConfigRecord = [FitConfigKey.localEpochs: 2, FitConfigKey.batchSize: 4, FitConfigKey.learningRate: 0.1]
        let first = try await Data.client(seed: 11).fit(instruction(round: 3, config))
        let second = try await Data.client(seed: 11).fit(instruction(round: 3, config))
        #expect(Data.parameters(of: first).values == Data.parameters(of: second).values)
    }

    @Test func differentRoundShufflesDifferently() async throws {
        let config: ConfigRecord = [FitConfigKey.localEpochs: 2, FitConfigKey.batchSize: 4, FitConfigKey.learningRate: 0.1]
        let first = try await Data.client(seed: 11).fit(instruction(round: 3, config))
        let second = try await Data.client(seed: 11).fit(instruction(round: 4, config))
        #expect(Data.parameters(of: first).values != Data.parameters(of: second).values)
    }

    @Test func configSeedReplacesTheClientsSeed() async throws {
        let config: ConfigRecord = [FitConfigKey.batchSize: 4, FitConfigKey.learningRate: 0.1, FitConfigKey.seed: 99]
        let first = try await Data.client(seed: 1).fit(instruction(round: 2, config))
        let second = try await Data.client(seed: 2).fit(instruction(round: 2, config))
        #expect(Data.parameters(of: first).values == Data.parameters(of: second).values)
    }

    @Test func threadCountDoesNotChangeTheUpdate() async throws {
        let config: ConfigRecord = [FitConfigKey.localEpochs: 3, FitConfigKey.batchSize: 16, FitConfigKey.learningRate: 0.1]
        let serial = try await Data.client(seed: 5, pool: .serial).fit(instruction(round: 2, config))
        let parallel = try await Data.client(seed: 5, pool: ComputePool(threads: 4)).fit(instruction(round: 2, config))
        #expect(Data.parameters(of: serial).values == Data.parameters(of: parallel).values)
    }

    @Test(arguments: [(epochs: 3, batch: 8, steps: 21), (epochs: 1, batch: 50, steps: 1), (epochs: 2, batch: 64, steps: 2),
                      (epochs: 4, batch: 1, steps: 200)])
    func stepsMetricIsBatchesPerEpochTimesEpochs(epochs: Int, batch: Int, steps: Int) async throws {
        let result = try await Data.client(count: 50).fit(instruction([FitConfigKey.localEpochs: .int(Int64(epochs)),
                                                                      FitConfigKey.batchSize: .int(Int64(batch))]))
        #expect(result.metrics[MetricKey.steps] == .int(Int64(steps)))
    }

    @Test func localStepsAreTakenExactly() async throws {
        // 50 samples in batches of 8 make 7 steps a pass; 10 steps are one pass and 3 batches of another.
        let result = try await Data.client(count: 50).fit(instruction([FitConfigKey.localSteps: 10, FitConfigKey.batchSize: 8,
                                                                      FitConfigKey.localEpochs: 5]))
        #expect(result.metrics[MetricKey.steps] == .int(10))
    }

    @Test func localStepsOfOnePassEqualOneEpoch() async throws {
        let epoch = try await Data.client().fit(instruction([FitConfigKey.batchSize: 8]))
        let steps = try await Data.client().fit(instruction([FitConfigKey.batchSize: 8, FitConfigKey.localSteps: 7]))
        #expect(Data.parameters(of: epoch).values == Data.parameters(of: steps).values)
    }

    @Test func optimizerStateDoesNotCarryOverBetweenRounds() async throws {
        // With momentum, a carried-over velocity would make the second identical fit differ from the first.
        let client = Data.client()
        let config: ConfigRecord = [FitConfigKey.momentum: 0.9, FitConfigKey.batchSize: 8, FitConfigKey.learningRate: 0.1]
        let first = try await client.fit(instruction(round: 2, config))
        let second = try await client.fit(instruction(round: 2, config))
        #expect(Data.parameters(of: first).values == Data.parameters(of: second).values)
    }

    @Test func adamTrainsAsSequentialFitWithAdam() async throws {
        let data = Data.blobs(count: 50, seed: 3)
        let reference = Data.model()
        var generator = SeededGenerator(seed: 7).split(stream: 1)
        try reference.fit(features: data.features, labels: data.labels, epochs: 1, batchSize: 8,
                          optimizer: Adam(learningRate: 0.01, weightDecay: 0.001), generator: &generator)
        let result = try await Data.client(seed: 7).fit(instruction([FitConfigKey.optimizer: "adam", FitConfigKey.batchSize: 8,
                                                                    FitConfigKey.weightDecay: 0.001]))
        #expect(Data.parameters(of: result).values == reference.parameterVector)
    }

    @Test func largeProximalMuKeepsParametersNearTheAnchor() async throws {
        let anchor = ArrayRecord(model: Data.model())
        let config: ConfigRecord = [FitConfigKey.localEpochs: 5, FitConfigKey.batchSize: 5, FitConfigKey.learningRate: 0.1]
        let free = try await Data.client().fit(instruction(config))
        let proximal = try await Data.client().fit(instruction(config.merging([FitConfigKey.proximalMu: 9.0])))
        let freeDistance = Data.distance(Data.parameters(of: free).values, anchor.values)
        let proximalDistance = Data.distance(Data.parameters(of: proximal).values, anchor.values)
        // At the fixed point μ(w − anchor) = −∇L, so the distance shrinks roughly as 1/μ.
        #expect(freeDistance > 0.3)
        #expect(proximalDistance < freeDistance * 0.2)
    }

    @Test func initialLossEqualsEvaluateOfTheReceivedModel() async throws {
        let received = ArrayRecord(model: Data.model(seed: 42))
        let client = Data.client()
        let result = try await client.fit(FitInstruction(round: 1, parameters: received,
                                                         config: [FitConfigKey.reportInitialLoss: true, FitConfigKey.batchSize: 8]))
        let evaluation = try await client.evaluate(EvaluateInstruction(round: 1, parameters: received,
                                                                       config: [FitConfigKey.batchSize: 8]))
        #expect(result.metrics.scalar(MetricKey.initialLoss) == evaluation.loss)
        #expect(result.metrics.scalar(MetricKey.loss) != evaluation.loss)
    }

    @Test func initialLossIsOnlyReportedWhenAsked() async throws {
        let result = try await Data.client().fit(instruction([:]))
        #expect(result.metrics[MetricKey.initialLoss] == nil)
        #expect(result.metrics.sortedKeys == [MetricKey.accuracy, MetricKey.loss, MetricKey.steps])
    }

    @Test func evaluateUsesTheTestSetWhenThereIsOne() async throws {
        let test = Data.blobs(count: 12, seed: 9)
        let client = Data.client(test: test)
        let parameters = ArrayRecord(model: Data.model(seed: 3))
        let result = try await client.evaluate(EvaluateInstruction(round: 1, parameters: parameters))
        let reference = Data.model(seed: 3)
        let expected = try test.features.withUnsafeBufferPointer { x in
            try test.labels.withUnsafeBufferPointer { y in try reference.evaluate(inputs: x, labels: y, batchSize: 12) }
        }
        #expect(result.exampleCount == 12)
        #expect(result.loss == Double(expected.loss))
        #expect(result.metrics.scalar(MetricKey.accuracy) == Double(expected.accuracy))
    }

    @Test func evaluateLeavesTheModelUnchanged() async throws {
        let client = Data.client()
        let before = await client.parameters(config: [:])
        _ = try await client.evaluate(EvaluateInstruction(round: 1, parameters: ArrayRecord(model: Data.model(seed: 8))))
        #expect(await client.parameters(config: [:]) == before)
    }

    @Test func parametersAreTheModelsInitialThenTrainedOnes() async throws {
        let client = Data.client(modelSeed: 6)
        #expect(await client.parameters(config: [:]) == ArrayRecord(model: Data.model(seed: 6)))
        let result = try await client.fit(instruction([FitConfigKey.learningRate: 0.2]))
        #expect(await client.parameters(config: [:]) == Data.parameters(of: result))
    }

    @Test func presetInitializerBuildsTheZooModel() async throws {
        let data = try LabeledDataset(sampleShape: [64], features: [Float](repeating: 0.5, count: 3 * 64),
                                      labels: [0, 4, 9], classCount: 10)
        let client = try ModelClient(preset: .logreg, modelSeed: 2, training: data)
        let parameters = await client.parameters(config: [:])
        #expect(parameters == ArrayRecord(model: try Sequential(preset: .logreg, seed: 2)))
        #expect(parameters.count == ModelPreset.logreg.parameterCount)
    }
}
