import Testing
import SwiftletTensor
@testable import SwiftletNN

@Suite struct ModelPresetTests {
    /// Counts computed by hand from each architecture (see ModelPreset's doc comments).
    @Test(arguments: [
        (ModelPreset.cnn, 1_663_370), (.twoNN, 199_210), (.lenet5, 61_706), (.charlstm, 817_872),
        (.kws, 8_332), (.mlp, 4_810), (.logreg, 650),
    ])
    func presetHasItsExactParameterCount(preset: ModelPreset, count: Int) throws {
        let model = try Sequential(preset: preset, seed: 0)
        #expect(model.parameterCount == count)
        #expect(preset.parameterCount == count)
    }

    @Test func cnnLayerShapesFollowMcMahan2017() throws {
        let model = try Sequential(preset: .cnn)
        #expect(model.shapes == [[1, 28, 28], [32, 28, 28], [32, 28, 28], [32, 14, 14], [64, 14, 14], [64, 14, 14],
                                 [64, 7, 7], [3136], [512], [512], [10]])
    }

    @Test func lenet5FlattensSixteenFiveByFiveMaps() throws {
        let model = try Sequential(preset: .lenet5)
        #expect(model.shapes[7] == [400])
    }

    @Test func kwsReducesLogMelFeaturesToTwelveClasses() throws {
        let model = try Sequential(preset: .kws)
        #expect(model.shapes[1] == [32, 25, 20])
        #expect(model.shapes[7] == [64, 12, 10])
        #expect(model.shapes.last == [12])
    }

    @Test(arguments: ModelPreset.allCases)
    func presetRunsForwardOnABatchOfItsInputShape(preset: ModelPreset) throws {
        let model = try Sequential(preset: preset, seed: 3)
        var generator = SeededGenerator(seed: 4)
        let input = (0..<(2 * model.inputSize)).map { _ in
            preset == .charlstm ? Float(generator.nextInt(below: 80)) : generator.nextUnitFloat()
        }
        let output = try input.withUnsafeBufferPointer { try Array(model.forward($0, batchSize: 2)) }
        #expect(output.count == 2 * preset.classCount)
        #expect(output.allSatisfy { $0.isFinite })
    }

    @Test func sameSeedGivesIdenticalParametersAndDifferentSeedsDiffer() throws {
        let a = try Sequential(preset: .lenet5, seed: 9)
        let b = try Sequential(preset: .lenet5, seed: 9)
        let c = try Sequential(preset: .lenet5, seed: 10)
        #expect(a.parameterVector == b.parameterVector)
        #expect(a.parameterVector != c.parameterVector)
    }

    @Test func charLSTMRejectsATokenOutsideTheEightySymbolAlphabet() throws {
        let model = try Sequential(preset: .charlstm)
        var input = [Float](repeating: 1, count: 80)
        input[5] = 80
        #expect(throws: ModelError.invalidInput(layer: "embedding", sample: 0, reason: "token index 80 at position 5 is outside 0..<80")) {
            try input.withUnsafeBufferPointer { _ = try model.forward($0, batchSize: 1) }
        }
    }

    @Test func presetNamesRoundTripThroughRawValues() {
        #expect(ModelPreset(rawValue: "2nn") == .twoNN)
        #expect(ModelPreset.allCases.map(\.rawValue) == ["cnn", "2nn", "lenet5", "charlstm", "kws", "mlp", "logreg"])
    }
}
