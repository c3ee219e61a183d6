import Testing
import SwiftletTensor
@testable import SwiftletNN

@Suite struct ModelPresetShapeTests {
    @Test(arguments: ModelPreset.allCases)
    func ownShapeAndClassCountGiveTheDefaultModelBitForBit(preset: ModelPreset) throws {
        let original = try Sequential(preset: preset, seed: 7)
        let adapted = try Sequential(preset: preset, inputShape: preset.inputShape, classCount: preset.classCount, seed: 7)
        #expect(adapted.parameterVector == original.parameterVector)
        #expect(adapted.shapes == original.shapes)
    }

    /// 62 FEMNIST classes: fc2 grows from 513×10 to 513×62 parameters, 1,663,370 + 513 × 52 = 1,690,046.
    @Test func cnnWithSixtyTwoClassesHasItsExactParameterCount() throws {
        let model = try Sequential(preset: .cnn, inputShape: [1, 28, 28], classCount: 62)
        #expect(model.parameterCount == 1_690_046)
        #expect(model.shapes.last == [62])
    }

    /// LeNet-5's fc3 has 85 × 62 parameters instead of 85 × 10: 61,706 + 85 × 52 = 66,126.
    @Test func lenet5WithSixtyTwoClassesHasItsExactParameterCount() throws {
        let model = try Sequential(preset: .lenet5, inputShape: [1, 28, 28], classCount: 62)
        #expect(model.parameterCount == 66_126)
    }

    /// Synthetic's 60 features: 60·64 + 64 + 64·10 + 10 = 4,554.
    @Test func mlpTakesAnyFeatureCount() throws {
        let model = try Sequential(preset: .mlp, inputShape: [60], classCount: 10)
        #expect(model.parameterCount == 4_554)
    }

    /// 13 features, 3 classes: 13·3 + 3 = 42.
    @Test func logregTakesAnyFeatureAndClassCount() throws {
        let model = try Sequential(preset: .logreg, inputShape: [13], classCount: 3)
        #expect(model.parameterCount == 42)
    }

    @Test func convolutionalPresetRefusesAVectorInput() {
        #expect(throws: ModelError.self) { try Sequential(preset: .cnn, inputShape: [80], classCount: 10) }
    }
}
