import Testing
import SwiftletTensor
import SwiftletNN
import SwiftletData
import SwiftletFederated

/// Bad instructions and failed training: each gives its typed error and leaves the client's model as it was.
@Suite struct ModelClientErrorTests {
    typealias Data = ClientTestData

    static let good: [Float] = [0.1, -0.2, 0.3, -0.4, 0.5, -0.6]

    /// Runs `body` against a fresh client and checks it throws `expected` with the model unchanged.
    func expectRejected(_ expected: ClientError, sourceLocation: SourceLocation = #_sourceLocation,
                        _ body: (ModelClient) async throws -> Void) async {
        let client = Data.client()
        let before = await client.parameters(config: [:])
        do {
            try await body(client)
            Issue.record("expected \(expected), nothing was thrown", sourceLocation: sourceLocation)
        } catch {
            #expect(error as? ClientError == expected, sourceLocation: sourceLocation)
        }
        #expect(await client.parameters(config: [:]) == before, "the model changed", sourceLocation: sourceLocation)
    }

    static let badConfigs: [(String, ConfigValue)] = [
        (FitConfigKey.localEpochs, 0), (FitConfigKey.localEpochs, 10_001), (FitConfigKey.localSteps, -1),
        (FitConfigKey.batchSize, 0), (FitConfigKey.learningRate, 0), (FitConfigKey.learningRate, .double(.nan)),
        (FitConfigKey.momentum, 1.5), (FitConfigKey.weightDecay, -0.1), (FitConfigKey.optimizer, "lbfgs"),
        (FitConfigKey.proximalMu, -1),
    ]

    @Test(arguments: badConfigs)
    func badConfigValueIsRejectedNamingTheKey(key: String, value: ConfigValue) async {
        let client = Data.client()
        let before = await client.parameters(config: [:])
        await #expect {
            try await client.fit(FitInstruction(round: 1, parameters: Data.record(Self.good), config: [key: value]))
        } throws: { error in
            guard case .invalidConfig(.invalidValue(let named, _, _)) = error as? ClientError else { return false }
            return named == key
        }
        #expect(await client.parameters(config: [:]) == before)
    }

    @Test func configOfTheWrongTypeIsRejected() async {
        await expectRejected(.invalidConfig(.typeMismatch(key: FitConfigKey.learningRate, expected: "double", actual: "string"))) {
            _ = try await $0.fit(FitInstruction(round: 1, parameters: Data.record(Self.good),
                                                config: [FitConfigKey.learningRate: "0.1"]))
        }
    }

    @Test func wrongShapeIsRejectedNamingTheArray() async throws {
        let flat = try ArrayRecord(specs: [ArraySpec(name: "fc.weight", shape: [4]), ArraySpec(name: "fc.bias", shape: [2])],
                                   values: Self.good)
        await expectRejected(.shapeMismatch(record: "parameters", array: "fc.weight", expected: [2, 2], actual: [4])) {
            _ = try await $0.fit(FitInstruction(round: 1, parameters: flat))
        }
    }

    @Test func missingArrayIsRejectedByName() async throws {
        let weightOnly = try ArrayRecord(specs: [ArraySpec(name: "fc.weight", shape: [2, 2])], values: [1, 2, 3, 4])
        await expectRejected(.missingArray(record: "parameters", array: "fc.bias")) {
            _ = try await $0.fit(FitInstruction(round: 1, parameters: weightOnly))
        }
    }

    @Test func extraArrayIsRejectedByName() async throws {
        let extra = try ArrayRecord(specs: [ArraySpec(name: "fc.weight", shape: [2, 2]), ArraySpec(name: "fc.bias", shape: [2]),
                                            ArraySpec(name: "head.bias", shape: [1])], values: Self.good + [0])
        await expectRejected(.unexpectedArray(record: "parameters", array: "head.bias")) {
            _ = try await $0.fit(FitInstruction(round: 1, parameters: extra))
        }
    }

    @Test func foreignArrayIsRejectedByName() async throws {
        let foreign = try ArrayRecord(specs: [ArraySpec(name: "conv.weight", shape: [2, 2]), ArraySpec(name: "fc.bias", shape: [2])],
                                      values: Self.good)
        await expectRejected(.unexpectedArray(record: "parameters", array: "conv.weight")) {
            _ = try await $0.fit(FitInstruction(round: 1, parameters: foreign))
        }
    }

    @Test func arraysInAnotherOrderAreRejected() async throws {
        let swapped = try ArrayRecord(specs: [ArraySpec(name: "fc.bias", shape: [2]), ArraySpec(name: "fc.weight", shape: [2, 2])],
                                      values: Self.good)
        await expectRejected(.misplacedArray(record: "parameters", array: "fc.weight", expectedPosition: 0, actualPosition: 1)) {
            _ = try await $0.fit(FitInstruction(round: 1, parameters: swapped))
        }
    }

    @Test(arguments: [Float.nan, .infinity, -.infinity])
    func nonFiniteParameterIsRejectedByArrayAndIndex(bad: Float) async {
        var values = Self.good
        values[5] = bad
        await expectRejected(.nonFiniteValue(record: "parameters", array: "fc.bias", index: 1)) {
            _ = try await $0.fit(FitInstruction(round: 1, parameters: Data.record(values)))
        }
    }

    @Test func evaluateRejectsNonFiniteParameters() async {
        var values = Self.good
        values[2] = .nan
        await expectRejected(.nonFiniteValue(record: "parameters", array: "fc.weight", index: 2)) {
            _ = try await $0.evaluate(EvaluateInstruction(round: 1, parameters: Data.record(values)))
        }
    }

    @Test func evaluateRejectsABadBatchSize() async {
        await expectRejected(.invalidConfig(.invalidValue(key: FitConfigKey.batchSize, value: "0", reason: "must be in 1...16777216"))) {
            _ = try await $0.evaluate(EvaluateInstruction(round: 1, parameters: Data.record(Self.good), config: [FitConfigKey.batchSize: 0]))
        }
    }

    @Test func divergingTrainingFailsWithTheModelErrorAndRestoresTheModel() async {
        let client = Data.client()
        let before = await client.parameters(config: [:])
        await #expect {
            try await client.fit(FitInstruction(round: 1, parameters: Data.record(Self.good),
                                                config: [FitConfigKey.learningRate: 3e38, FitConfigKey.batchSize: 1]))
        } throws: { error in
            guard case .trainingFailed = error as? ClientError else { return false }
            return true
        }
        #expect(await client.parameters(config: [:]) == before)
    }

    @Test func datasetOfTheWrongSampleSizeIsRejected() throws {
        let data = try LabeledDataset(sampleShape: [3], features: [1, 2, 3], labels: [0], classCount: 2)
        #expect(throws: ClientError.incompatibleDataset(dataset: "training", reason: "samples have 3 values [3], the model takes 2")) {
            try ModelClient(model: Data.model(), training: data)
        }
    }

    @Test func datasetWithMoreClassesThanOutputsIsRejected() throws {
        let data = try LabeledDataset(sampleShape: [2], features: [1, 2], labels: [0], classCount: 3)
        #expect(throws: ClientError.incompatibleDataset(dataset: "test", reason: "3 classes, the model has 2 outputs")) {
            try ModelClient(model: Data.model(), training: Data.blobs(count: 4, seed: 1), test: data)
        }
    }

    @Test func emptyTrainingSetIsRejected() throws {
        let empty = try LabeledDataset(sampleShape: [2], features: [], labels: [], classCount: 2)
        #expect(throws: ClientError.incompatibleDataset(dataset: "training", reason: "it holds no samples")) {
            try ModelClient(model: Data.model(), training: empty)
        }
    }

    @Test func nonFiniteFeatureIsRejectedNamingTheSample() throws {
        let data = try LabeledDataset(sampleShape: [2], features: [1, 2, 3, .nan], labels: [0, 1], classCount: 2)
        #expect(throws: ClientError.incompatibleDataset(dataset: "training", reason: "sample 1 has a NaN or infinite value at index 1")) {
            try ModelClient(model: Data.model(), training: data)
        }
    }
}
