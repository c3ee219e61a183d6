import Testing
import SwiftletTensor
import SwiftletNN
import SwiftletData
@testable import SwiftletFederated

/// SCAFFOLD option II on a model whose gradient is worked out by hand.
///
/// With every weight and bias zero, both logits are 0 and the softmax is (½, ½) for every sample, so the
/// mean cross-entropy gradient over ``ClientTestData/handSamples`` — x = (1, 2), (3, −1), (−2, 1), (0, 4) with
/// labels 0, 1, 1, 1 — is `∂W[j,:] = ¼ Σ (½ − [y = j]) x` and `∂b[j] = ¼ Σ (½ − [y = j])`:
/// row 0: ¼((−½)(1, 2) + ½(3, −1) + ½(−2, 1) + ½(0, 4)) = ¼(0, 1) = (0, ¼), bias ¼(−½ + ½ + ½ + ½) = ¼;
/// row 1 is the negation. So g = [0, ¼, 0, −¼, ¼, −¼] (weight row-major, then bias). Every value here is a
/// dyadic fraction, so the float arithmetic is exact.
@Suite struct ModelClientScaffoldTests {
    typealias Data = ClientTestData

    static let gradient: [Float] = [0, 0.25, 0, -0.25, 0.25, -0.25]
    static let serverControl: [Float] = [0.5, -0.25, 0, 1, 0.125, 0]
    static let zeros: [Float] = [0, 0, 0, 0, 0, 0]

    func client() -> ModelClient {
        try! ModelClient(model: Data.model(), training: Data.handSamples, seed: 1)
    }

    /// One full-batch SGD step (K = 1) at η = ½ from the zero model, with SCAFFOLD and server variate `c`.
    func instruction(control: [Float] = serverControl, config: ConfigRecord = [:]) -> FitInstruction {
        FitInstruction(round: 1, parameters: Data.record(Self.zeros),
                       config: ConfigRecord([FitConfigKey.scaffold: true, FitConfigKey.learningRate: 0.5,
                                             FitConfigKey.batchSize: 4]).merging(config),
                       auxiliary: [AuxiliaryKey.scaffoldControl: Data.record(control)])
    }

    @Test func correctedStepMovesAgainstGradientPlusServerMinusClientVariate() async throws {
        // y = x − η(g + c − c_i) with x = 0, c_i = 0: −½ (g + c).
        let result = try await client().fit(instruction())
        let expected: [Float] = [-0.25, 0, 0, -0.375, -0.1875, 0.125]
        #expect(Data.parameters(of: result).values == expected)
    }

    @Test func controlDeltaMatchesTheHandComputation() async throws {
        // c_i⁺ = c_i − c + (x − y)/(Kη) = 0 − c + (g + c) = g, so Δc = c_i⁺ − c_i = g.
        let client = client()
        let result = try await client.fit(instruction())
        let delta = try #require(result.auxiliary[AuxiliaryKey.scaffoldControlDelta])
        #expect(delta.specs == Data.record(Self.zeros).specs)
        #expect(delta.values == Self.gradient)
        #expect(await client.controlVariate == Self.gradient)
    }

    @Test func clientVariatePersistsIntoTheNextRound() async throws {
        // Round 2 from the same x and c, now with c_i = g: y = −½(g + c − g) = −½c, and
        // c_i⁺ = g − c + c = g, so Δc = 0.
        let client = client()
        _ = try await client.fit(instruction())
        let second = try await client.fit(instruction())
        #expect(Data.parameters(of: second).values == Self.serverControl.map { -0.5 * $0 })
        #expect(second.auxiliary[AuxiliaryKey.scaffoldControlDelta]?.values == Self.zeros)
        #expect(await client.controlVariate == Self.gradient)
    }

    @Test func deltaDividesByAllLocalSteps() async throws {
        // K = 3 epochs × ⌈4/2⌉ = 6 steps at η = ½ from c_i = 0: Δc = (x − y)/(6 · ½) − c.
        let result = try await client().fit(instruction(config: [FitConfigKey.localEpochs: 3, FitConfigKey.batchSize: 2]))
        #expect(result.metrics[MetricKey.steps] == .int(6))
        let trained = Data.parameters(of: result).values
        let delta = try #require(result.auxiliary[AuxiliaryKey.scaffoldControlDelta]).values
        for i in 0..<6 {
            let expected = (0 - trained[i]) / 3 - Self.serverControl[i]
            #expect(abs(delta[i] - expected) <= 1e-6 * max(1, abs(expected)))
        }
    }

    @Test func withoutScaffoldNoDeltaIsReturnedAndTheVariateStaysZero() async throws {
        let client = client()
        var plain = instruction()
        plain.config[FitConfigKey.scaffold] = false
        let result = try await client.fit(plain)
        #expect(result.auxiliary.isEmpty)
        #expect(await client.controlVariate == Self.zeros)
        // Plain SGD: y = −½ g.
        #expect(Data.parameters(of: result).values == Self.gradient.map { -0.5 * $0 })
    }

    @Test func clientsOfOtherStrategiesKeepNoControlVariate() async throws {
        let client = client()
        var plain = instruction()
        plain.config[FitConfigKey.scaffold] = false
        _ = try await client.fit(plain)
        #expect(await client.storedControlVariate == nil)
        _ = try await client.fit(instruction())
        #expect(await client.storedControlVariate == Self.gradient)
    }

    @Test func missingServerControlIsRejected() async throws {
        var bare = instruction()
        bare.auxiliary = [:]
        await #expect(throws: ClientError.missingAuxiliary(AuxiliaryKey.scaffoldControl)) {
            try await client().fit(bare)
        }
    }

    @Test func serverControlWithTheWrongLayoutIsRejectedByName() async throws {
        var wrong = instruction()
        wrong.auxiliary[AuxiliaryKey.scaffoldControl] = try ArrayRecord(
            specs: [ArraySpec(name: "fc.weight", shape: [4]), ArraySpec(name: "fc.bias", shape: [2])], values: Self.zeros)
        await #expect(throws: ClientError.shapeMismatch(record: AuxiliaryKey.scaffoldControl, array: "fc.weight",
                                                        expected: [2, 2], actual: [4])) {
            try await client().fit(wrong)
        }
    }

    @Test func nonFiniteServerControlIsRejectedByArrayAndIndex() async throws {
        await #expect(throws: ClientError.nonFiniteValue(record: AuxiliaryKey.scaffoldControl, array: "fc.bias", index: 1)) {
            try await client().fit(instruction(control: [0, 0, 0, 0, 0, .nan]))
        }
    }

    @Test func failedRoundLeavesTheClientVariateUnchanged() async throws {
        let client = client()
        _ = try await client.fit(instruction())
        let parameters = await client.parameters(config: [:])
        // At a rate of 3·10³⁸ (just below Float.greatestFiniteMagnitude) the first step overflows the parameters.
        await #expect(throws: ClientError.self) {
            try await client.fit(instruction(config: [FitConfigKey.learningRate: 3e38, FitConfigKey.batchSize: 1,
                                                        FitConfigKey.localEpochs: 3]))
        }
        #expect(await client.controlVariate == Self.gradient)
        #expect(await client.parameters(config: [:]) == parameters)
    }
}
