import Testing
import SwiftletFederated

/// A codec that claims success but returns one value too few: what the validator's own length check is for.
private struct ShortCodec: Codec {
    let identifier = "short"
    func encode(_ values: UnsafeBufferPointer<Float>) -> [UInt8] { [] }
    func decode(_ bytes: [UInt8], count: Int) throws(CodecError) -> [Float] {
        [Float](repeating: 0, count: max(count - 1, 0))
    }
}

@Suite struct UpdateValidatorTests {
    /// The global model: `fc.weight` [2, 2] then `fc.bias` [2].
    static let global = ClientTestData.record([1, 2, 3, 4, 5, 6])
    static let validator = UpdateValidator()

    static func arrays(_ specs: [(String, [Int])], _ values: [Float]) -> FitResult {
        let record = try! ArrayRecord(specs: specs.map { ArraySpec(name: $0.0, shape: $0.1) }, values: values)
        return FitResult(parameters: record, exampleCount: 10)
    }

    static func encoded(_ values: [Float], codec: String = "f32le", isDelta: Bool = false) -> FitResult {
        let bytes = values.withUnsafeBufferPointer { Float32Codec().encode($0) }
        return FitResult(payload: .encoded(EncodedArrays(codec: codec, bytes: bytes, isDelta: isDelta)), exampleCount: 10)
    }

    static func rejection(_ result: FitResult, validator: UpdateValidator = validator) -> RejectionReason? {
        guard case .failure(let reason) = validator.validate(result, from: 7, global: global) else { return nil }
        return reason
    }

    static func accepted(_ result: FitResult) -> ClientUpdate? {
        try? validator.validate(result, from: 7, global: global).get()
    }

    // MARK: Layout

    @Test func arraysOfAnotherTotalLengthAreWrongLength() {
        let result = Self.arrays([("fc.weight", [2, 2]), ("fc.bias", [1])], [1, 2, 3, 4, 5])
        #expect(Self.rejection(result) == .wrongLength(expected: 6, actual: 5))
    }

    @Test func reshapedArrayIsWrongShapeNamingTheArray() {
        let result = Self.arrays([("fc.weight", [4, 1]), ("fc.bias", [2])], [1, 2, 3, 4, 5, 6])
        let reason = Self.rejection(result)
        #expect(reason == .wrongShape(array: "fc.weight", expected: [2, 2], actual: [4, 1]))
        #expect(reason?.description == "array 'fc.weight' has shape [4, 1], expected [2, 2]")
    }

    @Test func renamedArrayIsWrongArrays() {
        let result = Self.arrays([("fc.w", [2, 2]), ("fc.bias", [2])], [1, 2, 3, 4, 5, 6])
        #expect(Self.rejection(result) == .wrongArrays(expected: ["fc.weight", "fc.bias"], actual: ["fc.w", "fc.bias"]))
    }

    @Test func swappedArraysOfTheSameTotalAreWrongArrays() {
        let result = Self.arrays([("fc.bias", [2]), ("fc.weight", [2, 2])], [1, 2, 3, 4, 5, 6])
        #expect(Self.rejection(result) == .wrongArrays(expected: ["fc.weight", "fc.bias"], actual: ["fc.bias", "fc.weight"]))
    }

    @Test func flatArrayOfTheRightLengthIsWrongArrays() {
        let result = FitResult(parameters: ArrayRecord(flat: [1, 2, 3, 4, 5, 6]), exampleCount: 10)
        #expect(Self.rejection(result) == .wrongArrays(expected: ["fc.weight", "fc.bias"], actual: ["values"]))
    }

    // MARK: Values

    @Test func nanIsLocatedByArrayAndIndexWithinIt() {
        // Flat index 5 is the second bias.
        let result = Self.arrays([("fc.weight", [2, 2]), ("fc.bias", [2])], [1, 2, 3, 4, 5, .nan])
        let reason = Self.rejection(result)
        #expect(reason == .nonFinite(array: "fc.bias", index: 1))
        #expect(reason?.description == "non-finite value in 'fc.bias' at index 1")
    }

    @Test func positiveInfinityIsLocated() {
        let result = Self.arrays([("fc.weight", [2, 2]), ("fc.bias", [2])], [1, 2, .infinity, 4, 5, 6])
        #expect(Self.rejection(result) == .nonFinite(array: "fc.weight", index: 2))
    }

    @Test func negativeInfinityIsLocated() {
        let result = Self.arrays([("fc.weight", [2, 2]), ("fc.bias", [2])], [1, 2, 3, 4, -.infinity, 6])
        #expect(Self.rejection(result) == .nonFinite(array: "fc.bias", index: 0))
    }

    @Test func firstOfSeveralNonFiniteValuesIsReported() {
        let result = Self.arrays([("fc.weight", [2, 2]), ("fc.bias", [2])], [1, .nan, 3, 4, .infinity, 6])
        #expect(Self.rejection(result) == .nonFinite(array: "fc.weight", index: 1))
    }

    // MARK: Example counts

    @Test func zeroExampleCountIsRejected() {
        var result = Self.arrays([("fc.weight", [2, 2]), ("fc.bias", [2])], [1, 2, 3, 4, 5, 6])
        result.exampleCount = 0
        #expect(Self.rejection(result) == .nonPositiveExampleCount(0))
    }

    @Test func negativeExampleCountIsRejected() {
        var result = Self.arrays([("fc.weight", [2, 2]), ("fc.bias", [2])], [1, 2, 3, 4, 5, 6])
        result.exampleCount = -3
        #expect(Self.rejection(result)?.description == "example count -3 is not positive")
    }

    @Test func exampleCountAboveTheLimitIsAbsurd() {
        var result = Self.arrays([("fc.weight", [2, 2]), ("fc.bias", [2])], [1, 2, 3, 4, 5, 6])
        result.exampleCount = 1001
        let reason = Self.rejection(result, validator: UpdateValidator(maxExampleCount: 1000))
        #expect(reason == .absurdExampleCount(1001, limit: 1000))
        #expect(reason?.description == "example count 1001 exceeds the limit 1000")
    }

    @Test func exampleCountAtTheLimitIsAccepted() {
        var result = Self.arrays([("fc.weight", [2, 2]), ("fc.bias", [2])], [1, 2, 3, 4, 5, 6])
        result.exampleCount = 1000
        #expect(Self.rejection(result, validator: UpdateValidator(maxExampleCount: 1000)) == nil)
    }

    // MARK: Encodings

    @Test func unknownCodecIsUnknownEncoding() {
        #expect(Self.rejection(Self.encoded([1, 2, 3, 4, 5, 6], codec: "zstd")) == .unknownEncoding("zstd"))
    }

    @Test func bytesTheCodecRefusesAreMalformedEncoding() {
        var result = Self.encoded([1, 2, 3, 4, 5, 6])
        guard case .encoded(var payload) = result.payload else { return }
        payload.bytes.removeLast()
        result.payload = .encoded(payload)
        #expect(Self.rejection(result) == .malformedEncoding("f32le: expected 24 bytes, got 23"))
    }

    @Test func compressedDeltaIsDecodedAndAddedToTheGlobalModel() throws {
        // Top-2 of the delta [0, 3, 0, 0, −1, 0.5] keeps 3 and −1.
        let codec = try CompressedCodec(specification: "topk:0.3")
        let bytes = [Float]([0, 3, 0, 0, -1, 0.5]).withUnsafeBufferPointer { codec.encode($0) }
        let result = FitResult(payload: .encoded(EncodedArrays(codec: "swc", bytes: bytes, isDelta: true)), exampleCount: 10)
        #expect(Self.accepted(result)?.parameters == [1, 5, 3, 4, 4, 6])
    }

    @Test func compressedPayloadForAnotherModelSizeIsMalformedEncoding() throws {
        let codec = try CompressedCodec(specification: "u8")
        let bytes = [Float]([1, 2, 3]).withUnsafeBufferPointer { codec.encode($0) }
        let result = FitResult(payload: .encoded(EncodedArrays(codec: "swc", bytes: bytes, isDelta: true)), exampleCount: 10)
        #expect(Self.rejection(result) == .malformedEncoding("swc: header says 3 elements, expected 6"))
    }

    @Test func codecReturningAnotherCountIsWrongLength() {
        var codecs = CodecRegistry.standard
        codecs.register(ShortCodec())
        let reason = Self.rejection(Self.encoded([], codec: "short"), validator: UpdateValidator(codecs: codecs))
        #expect(reason == .wrongLength(expected: 6, actual: 5))
    }

    @Test func encodedParametersAreAcceptedAsSent() {
        #expect(Self.accepted(Self.encoded([6, 5, 4, 3, 2, 1]))?.parameters == [6, 5, 4, 3, 2, 1])
    }

    @Test func encodedDeltaIsAddedToTheGlobalModel() {
        // [1, 2, 3, 4, 5, 6] + [0.5, −1, 0, 0, 0, 2].
        let update = Self.accepted(Self.encoded([0.5, -1, 0, 0, 0, 2], isDelta: true))
        #expect(update?.parameters == [1.5, 1, 3, 4, 5, 8])
    }

    @Test func deltaThatOverflowsTheGlobalModelIsNonFinite() {
        // The largest float plus itself overflows: bias[1] = +inf, though both operands were finite.
        let huge = Float.greatestFiniteMagnitude
        let result = Self.encoded([0, 0, 0, 0, 0, huge], isDelta: true)
        var global = Self.global
        global.values[5] = huge
        guard case .failure(let reason) = Self.validator.validate(result, from: 7, global: global) else {
            Issue.record("accepted an update that overflowed")
            return
        }
        #expect(reason == .nonFinite(array: "fc.bias", index: 1))
    }

    @Test func encodedNaNIsLocatedInTheGlobalLayout() {
        #expect(Self.rejection(Self.encoded([1, 2, 3, .nan, 5, 6])) == .nonFinite(array: "fc.weight", index: 3))
    }

    // MARK: Auxiliary arrays

    @Test func nonFiniteAuxiliaryIsLocatedByKeyAndIndex() {
        var result = Self.arrays([("fc.weight", [2, 2]), ("fc.bias", [2])], [1, 2, 3, 4, 5, 6])
        result.auxiliary = ["scaffold.delta": ArrayRecord(flat: [0, 0, 0, .nan, 0, 0])]
        let reason = Self.rejection(result)
        #expect(reason == .nonFiniteAuxiliary(key: "scaffold.delta", index: 3))
        #expect(reason?.description == "non-finite value in auxiliary 'scaffold.delta' at index 3")
    }

    @Test func firstNonFiniteAuxiliaryInKeyOrderIsReported() {
        // Dictionary order varies between processes; the reason must not.
        var result = Self.arrays([("fc.weight", [2, 2]), ("fc.bias", [2])], [1, 2, 3, 4, 5, 6])
        let bad = ArrayRecord(flat: [.nan])
        result.auxiliary = ["d": bad, "b": bad, "a": bad, "c": bad, "e": bad, "f": bad, "g": bad, "h": bad]
        #expect(Self.rejection(result) == .nonFiniteAuxiliary(key: "a", index: 0))
    }

    @Test func acceptedUpdateCarriesNodeCountMetricsAndAuxiliary() throws {
        var result = Self.arrays([("fc.weight", [2, 2]), ("fc.bias", [2])], [6, 5, 4, 3, 2, 1])
        result.metrics = ["loss": 0.5]
        result.auxiliary = ["scaffold.delta": ArrayRecord(flat: [1, 1, 1, 1, 1, 1])]
        let update = try #require(Self.accepted(result))
        #expect(update.node == 7)
        #expect(update.parameters == [6, 5, 4, 3, 2, 1])
        #expect(update.exampleCount == 10)
        #expect(update.metrics == ["loss": 0.5])
        #expect(update.auxiliary == ["scaffold.delta": [1, 1, 1, 1, 1, 1]])
    }

    // MARK: Evaluation

    @Test func evaluationWithNaNLossIsRejected() {
        #expect(Self.validator.validate(EvaluateResult(loss: .nan, exampleCount: 10)) == .nonFiniteLoss)
    }

    @Test func evaluationWithInfiniteLossIsRejected() {
        #expect(Self.validator.validate(EvaluateResult(loss: .infinity, exampleCount: 10)) == .nonFiniteLoss)
    }

    @Test func evaluationWithoutExamplesIsRejected() {
        #expect(Self.validator.validate(EvaluateResult(loss: 0.5, exampleCount: 0)) == .nonPositiveExampleCount(0))
    }

    @Test func evaluationWithAnAbsurdCountIsRejected() {
        let validator = UpdateValidator(maxExampleCount: 100)
        #expect(validator.validate(EvaluateResult(loss: 0.5, exampleCount: 101)) == .absurdExampleCount(101, limit: 100))
    }

    @Test func sensibleEvaluationIsAccepted() {
        #expect(Self.validator.validate(EvaluateResult(loss: 0.5, exampleCount: 10, metrics: ["accuracy": 0.9])) == nil)
    }
}
