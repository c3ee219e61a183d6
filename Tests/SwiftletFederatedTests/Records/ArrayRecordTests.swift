import Testing
import SwiftletNN
import SwiftletFederated

@Suite struct ArrayRecordTests {
    /// A dense layer's layout: weight [2, 3] (6 values), then bias [2].
    static let layout = [ArraySpec(name: "fc.weight", shape: [2, 3]), ArraySpec(name: "fc.bias", shape: [2])]
    static let values: [Float] = [1, 2, 3, 4, 5, 6, 7, 8]

    static func record() -> ArrayRecord { try! ArrayRecord(specs: layout, values: values) }

    /// conv1 (2 filters 3×3 over 1 channel) → relu → flatten → fc (8 → 3): 18 + 2 + 24 + 3 = 47 parameters.
    static func model() -> Sequential {
        try! Sequential(inputShape: [1, 4, 4], layers: [
            Conv2D(outChannels: 2, kernelSize: 3, name: "conv1"), ReLU(name: "relu"), Flatten(name: "flatten"),
            Dense(3, name: "fc"),
        ], seed: 5)
    }

    @Test func specsDescribingFewerValuesThanGivenAreACountMismatch() {
        #expect(throws: RecordError.countMismatch(expected: 8, actual: 9)) {
            try ArrayRecord(specs: Self.layout, values: Self.values + [9])
        }
    }

    @Test func countMismatchNamesBothCounts() {
        let error = #expect(throws: RecordError.self) { try ArrayRecord(specs: Self.layout, values: [1, 2, 3]) }
        #expect(error?.description == "array specs describe 8 values, the record holds 3")
    }

    @Test func duplicateArrayNameIsRejected() {
        let specs = [ArraySpec(name: "w", shape: [2]), ArraySpec(name: "w", shape: [1])]
        let error = #expect(throws: RecordError.duplicateArrayName("w")) { try ArrayRecord(specs: specs, values: [1, 2, 3]) }
        #expect(error?.description == "two arrays are named 'w'")
    }

    @Test func negativeDimensionIsAnInvalidSpecEvenWhenTheProductMatches() {
        // [-1, -3] multiplies to 3, the value count: only the sign check can catch it.
        let specs = [ArraySpec(name: "w", shape: [-1, -3])]
        let error = #expect(throws: RecordError.invalidSpec(name: "w", shape: [-1, -3])) {
            try ArrayRecord(specs: specs, values: [1, 2, 3])
        }
        #expect(error?.description == "array 'w' has an invalid shape [-1, -3]")
    }

    @Test func emptyNameIsAnInvalidSpec() {
        #expect(throws: RecordError.invalidSpec(name: "", shape: [2])) {
            try ArrayRecord(specs: [ArraySpec(name: "", shape: [2])], values: [1, 2])
        }
    }

    @Test func shapeWhoseProductOverflowsIsAnInvalidSpecNotATrap() {
        let shape = [Int.max / 2, 3]
        #expect(throws: RecordError.invalidSpec(name: "huge", shape: shape)) {
            try ArrayRecord(specs: [ArraySpec(name: "huge", shape: shape)], values: [1])
        }
    }

    @Test func specsWhoseTotalOverflowsAreRejected() {
        let half = ArraySpec(name: "a", shape: [Int.max / 2 + 1])
        let other = ArraySpec(name: "b", shape: [Int.max / 2 + 1])
        #expect(throws: RecordError.self) { try ArrayRecord(specs: [half, other], values: [1]) }
    }

    @Test func scalarSpecHoldsOneValue() throws {
        let record = try ArrayRecord(specs: [ArraySpec(name: "step", shape: [])], values: [4])
        #expect(record["step"].map(Array.init) == [4])
    }

    @Test func specsOfAModelNameEachTensorLayerDotTensorInPyTorchShapes() {
        #expect(ArrayRecord.specs(of: Self.model()) == [
            ArraySpec(name: "conv1.weight", shape: [2, 1, 3, 3]),
            ArraySpec(name: "conv1.bias", shape: [2]),
            ArraySpec(name: "fc.weight", shape: [3, 8]),
            ArraySpec(name: "fc.bias", shape: [3]),
        ])
    }

    @Test func recordOfAModelCopiesItsParameterVector() {
        let model = Self.model()
        let record = ArrayRecord(model: model)
        #expect(record.count == 47)
        #expect(record.values == model.parameterVector)
        #expect(record.specs == ArrayRecord.specs(of: model))
    }

    @Test func arrayOfAModelRecordIsThatTensorsSliceOfTheParameters() {
        let model = Self.model()
        let record = ArrayRecord(model: model)
        let parameters = model.parameterVector
        // fc starts after conv1's 18 weights and 2 biases; its bias after fc's 24 weights.
        #expect(record["fc.weight"].map(Array.init) == Array(parameters[20..<44]))
        #expect(record["fc.bias"].map(Array.init) == Array(parameters[44..<47]))
    }

    @Test func subscriptReturnsTheNamedArraysValues() {
        let record = Self.record()
        #expect(record["fc.weight"].map(Array.init) == [1, 2, 3, 4, 5, 6])
        #expect(record["fc.bias"].map(Array.init) == [7, 8])
    }

    @Test func subscriptOfAnUnknownNameIsNil() {
        #expect(Self.record()["fc.gamma"] == nil)
    }

    @Test func offsetsAreWhereEachArrayStarts() {
        #expect(Self.record().offsets == [0, 6])
        #expect(ArrayRecord(model: Self.model()).offsets == [0, 18, 20, 44])
    }

    @Test func countAndByteCountCoverEveryValue() {
        let record = Self.record()
        #expect(record.count == 8)
        #expect(record.byteCount == 32)
    }

    @Test func withValuesOfAnotherLengthIsACountMismatch() {
        #expect(throws: RecordError.countMismatch(expected: 8, actual: 3)) {
            try Self.record().with(values: [1, 2, 3])
        }
    }

    @Test func withValuesKeepsTheSpecs() throws {
        let replaced = try Self.record().with(values: [8, 7, 6, 5, 4, 3, 2, 1])
        #expect(replaced.specs == Self.layout)
        #expect(replaced["fc.bias"].map(Array.init) == [2, 1])
    }

    @Test func zeroedKeepsTheSpecsAndZeroesEveryValue() {
        let zeroed = Self.record().zeroed()
        #expect(zeroed.specs == Self.layout)
        #expect(zeroed.values == [0, 0, 0, 0, 0, 0, 0, 0])
    }

    @Test func flatRecordIsOneArrayOfAllValues() {
        let record = ArrayRecord(flat: [1, 2, 3])
        #expect(record.specs == [ArraySpec(name: "values", shape: [3])])
    }
}
