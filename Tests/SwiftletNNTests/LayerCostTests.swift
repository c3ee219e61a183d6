import Testing
@testable import SwiftletNN

/// Layer and model costs against FLOP counts worked out by hand.
@Suite struct LayerCostTests {
    @Test func denseCostCountsTwoFLOPsPerMultiplyAddPlusBias() throws {
        // Dense(3 → 2), batch 4: product 2·4·3·2 = 48 FLOPs, bias 4·2 = 8.
        let model = try Sequential(inputShape: [3], layers: [Dense(2, name: "fc")])
        let cost = model.layers[0].cost(batchSize: 4)
        #expect(cost.forward == ComputeCost(flops: 56, bytesRead: 4 * (12 + 6 + 2), bytesWritten: 4 * 8))
        #expect(cost.inputGradient == ComputeCost(flops: 48, bytesRead: 4 * (8 + 6), bytesWritten: 4 * 12))
        #expect(cost.parameterGradient == ComputeCost(flops: 56, bytesRead: 4 * (8 + 12), bytesWritten: 4 * 8))
    }

    @Test func denseWithoutBiasCountsOnlyTheProduct() throws {
        let model = try Sequential(inputShape: [3], layers: [Dense(2, bias: false, name: "fc")])
        #expect(model.layers[0].cost(batchSize: 4).forward.flops == 48)
    }

    @Test func conv2DCostCountsEveryKernelTapOfEveryOutput() throws {
        // Conv2D 2 → 3 channels, 3×3 kernel, no padding, on 5×5: output 3×3×3.
        // Product 2·B·O·H'W'·C·k² = 2·2·3·9·2·9 = 1,944; bias B·O·H'W' = 54.
        let model = try Sequential(inputShape: [2, 5, 5], layers: [Conv2D(outChannels: 3, kernelSize: 3, name: "conv")])
        let cost = model.layers[0].cost(batchSize: 2)
        #expect(cost.forward.flops == 1_998)
        #expect(cost.forward.bytesRead == 4 * (2 * 50 + 3 * 18 + 3))
        #expect(cost.forward.bytesWritten == 4 * 54)
        #expect(cost.inputGradient.flops == 1_944)
        #expect(cost.parameterGradient.flops == 1_998)
        #expect(cost.parameterGradient.bytesWritten == 4 * (54 + 3))
    }

    @Test func stridedPaddedConv2DUsesTheOutputPlane() throws {
        // 1 → 4 channels, k 3, stride 2, padding 1 on 8×8: output 4×4; product 2·1·4·16·1·9 = 1,152, bias 64.
        let model = try Sequential(inputShape: [1, 8, 8],
                                   layers: [Conv2D(outChannels: 4, kernelSize: 3, stride: 2, padding: 1, name: "conv")])
        #expect(model.layers[0].cost(batchSize: 1).forward.flops == 1_216)
    }

    @Test func cnnPresetForwardFLOPsMatchHandCount() throws {
        // conv1 2·32·784·25 + 32·784; relu 25,088; pool 6,272·3; conv2 2·64·196·800 + 64·196; relu 12,544;
        // pool 3,136·3; fc1 2·3,136·512 + 512; relu 512; fc2 2·512·10 + 10.
        let expected = 1_279_488 + 25_088 + 18_816 + 20_082_944 + 12_544 + 9_408 + 3_211_776 + 512 + 10_250
        let model = try Sequential(inputShape: ModelPreset.cnn.inputShape, layers: ModelPreset.cnn.makeLayers())
        #expect(model.inferenceCost(batchSize: 1).forward.flops == expected)
        #expect(model.inferenceCost(batchSize: 10).forward.flops == 10 * expected)
    }

    @Test func trainingCostSkipsTheFirstLayersInputGradient() throws {
        // Dense(3 → 2), ReLU, Dense(2 → 1), batch 1.
        let model = try Sequential(inputShape: [3], layers: [Dense(2, name: "fc1"), ReLU(name: "r"), Dense(1, name: "fc2")])
        let cost = model.trainingCost(batchSize: 1)
        // Forward: fc1 12 + 2, relu 2, fc2 4 + 1.
        #expect(cost.forward.flops == 21)
        // Backward: fc1 weights only (12 + 2); relu input gradient 2; fc2 input 4 + weights 4 + 1.
        #expect(cost.backward.flops == 25)
        // SGD over 11 parameters: 2 FLOPs each.
        #expect(cost.update == ComputeCost(flops: 22, bytesRead: 88, bytesWritten: 44))
        #expect(cost.total.flops == 68)
    }

    @Test func trainingCostOfFrozenLayersRunsNoParameterGradient() throws {
        let model = try Sequential(inputShape: [3], layers: [Dense(2, name: "fc1"), ReLU(name: "r"), Dense(1, name: "fc2")])
        try model.applyMask(.only(["fc2"]))
        let cost = model.trainingCost(batchSize: 1)
        // Only fc2's weight gradient (4 + 1) runs: no layer before it needs an input gradient.
        #expect(cost.backward.flops == 5)
        #expect(cost.layers.map(\.backward.flops) == [0, 0, 5])
        #expect(cost.update.flops == 6)
    }

    @Test func maxPoolCountsComparisonsPerOutput() throws {
        let model = try Sequential(inputShape: [2, 4, 4], layers: [MaxPool2D(kernelSize: 2, name: "pool")])
        let cost = model.layers[0].cost(batchSize: 1)
        // 8 outputs × 3 comparisons; outputs and indices written.
        #expect(cost.forward == ComputeCost(flops: 24, bytesRead: 128, bytesWritten: 64))
        #expect(cost.parameterGradient == .zero)
    }

    @Test func lstmForwardCountsGateProductsAndGates() throws {
        // F 3, H 2, T 4, batch 1: per step 8·2·(3 + 2) + 19·2 = 118.
        let model = try Sequential(inputShape: [4, 3], layers: [LSTM(hiddenSize: 2, name: "lstm")])
        #expect(model.layers[0].cost(batchSize: 1).forward.flops == 4 * 118)
    }

    @Test func embeddingHasNoInputGradient() throws {
        let model = try Sequential(inputShape: [5], layers: [Embedding(vocabularySize: 10, dimensions: 4, name: "embed")])
        let cost = model.layers[0].cost(batchSize: 2)
        #expect(cost.inputGradient == .zero)
        #expect(cost.parameterGradient.flops == 40)
        #expect(cost.parameterGradient.bytesWritten == 4 * 40)
    }
}
