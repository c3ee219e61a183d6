import Testing
import SwiftletTensor
@testable import SwiftletNN

/// The 1×4×4 input 1, 2, …, 16 in row-major order.
private let ramp4x4: [Float] = (1...16).map(Float.init)

@Suite struct ConvolutionTests {
    @Test func conv2DForwardMatchesHandComputedDiagonalKernel() throws {
        // Kernel picks the 3×3 window's diagonal; bias 0.5. Windows start at (0,0), (0,1), (1,0), (1,1):
        // 1+6+11, 2+7+12, 5+10+15, 6+11+16.
        let diagonal: [Float] = [1, 0, 0, 0, 1, 0, 0, 0, 1]
        let harness = try LayerHarness(Conv2D(outChannels: 1, kernelSize: 3, name: "c"), inputShape: [1, 4, 4],
                                       parameters: diagonal + [0.5])
        #expect(harness.outputShape == [1, 2, 2])
        #expect(harness.forward(ramp4x4) == [18.5, 21.5, 30.5, 33.5])
    }

    @Test func conv2DForwardWithPaddingAndStrideSumsOnlyRealPixels() throws {
        // All-ones 3×3 kernel, padding 1, stride 2: windows centred on (0,0), (0,2), (2,0), (2,2).
        let harness = try LayerHarness(Conv2D(outChannels: 1, kernelSize: 3, stride: 2, padding: 1, bias: false, name: "c"),
                                       inputShape: [1, 4, 4], parameters: [Float](repeating: 1, count: 9))
        #expect(harness.outputShape == [1, 2, 2])
        #expect(harness.forward(ramp4x4) == [14, 30, 57, 99])
    }

    @Test func conv2DSumsOverInputChannelsPerFilter() throws {
        // Two 1×1 filters over two channels: y0 = 2·x0 − x1 + 1, y1 = x1.
        let harness = try LayerHarness(Conv2D(outChannels: 2, kernelSize: 1, name: "c"), inputShape: [2, 1, 2],
                                       parameters: [2, -1, 0, 1, 1, 0])
        #expect(harness.forward([1, 2, 10, 20]) == [-7, -15, 10, 20])
    }

    @Test func depthwiseConv2DFiltersEachChannelSeparately() throws {
        // Channel 0 keeps each 2×2 window's top-left pixel; channel 1 its bottom-right pixel plus 1.
        let input: [Float] = (1...9).map(Float.init) + (1...9).map(Float.init)
        let harness = try LayerHarness(DepthwiseConv2D(kernelSize: 2, name: "dw"), inputShape: [2, 3, 3],
                                       parameters: [1, 0, 0, 0, 0, 0, 0, 1, 0, 1])
        #expect(harness.outputShape == [2, 2, 2])
        #expect(harness.forward(input) == [1, 2, 4, 5, 6, 7, 9, 10])
    }

    @Test func depthwiseMultiplierMapsOutputChannelsToTheirInputChannel() throws {
        // One input channel, multiplier 2: output 0 scales by 2, output 1 by −1.
        let harness = try LayerHarness(DepthwiseConv2D(kernelSize: 1, depthMultiplier: 2, bias: false, name: "dw"),
                                       inputShape: [1, 1, 3], parameters: [2, -1])
        #expect(harness.forward([1, 2, 3]) == [2, 4, 6, -1, -2, -3])
    }

    @Test func outputShapesFollowTheFloorFormula() throws {
        #expect(try Conv2D(outChannels: 6, kernelSize: 5, padding: 2).build(inputShape: [1, 28, 28]) == [6, 28, 28])
        #expect(try Conv2D(outChannels: 16, kernelSize: 5).build(inputShape: [6, 14, 14]) == [16, 10, 10])
        #expect(try Conv2D(outChannels: 8, kernelSize: 3, stride: 2, padding: 1).build(inputShape: [3, 7, 8]) == [8, 4, 4])
        #expect(try DepthwiseConv2D(kernelSize: 3, stride: 2, depthMultiplier: 3).build(inputShape: [4, 9, 10]) == [12, 4, 4])
    }

    @Test func conv2DParameterShapesMatchPyTorch() throws {
        let conv = Conv2D(outChannels: 6, kernelSize: 5, name: "c")
        _ = try conv.build(inputShape: [3, 32, 32])
        #expect(conv.parameterSpecs == [
            ParameterSpec(name: "weight", shape: [6, 3, 5, 5], role: .weight),
            ParameterSpec(name: "bias", shape: [6], role: .bias),
        ])
        let depthwise = DepthwiseConv2D(kernelSize: 3, depthMultiplier: 2, bias: false, name: "d")
        _ = try depthwise.build(inputShape: [4, 8, 8])
        #expect(depthwise.parameterSpecs == [ParameterSpec(name: "weight", shape: [8, 1, 3, 3], role: .weight)])
    }

    @Test func conv2DInitialisationStaysWithinPyTorchBound() throws {
        let conv = Conv2D(outChannels: 4, kernelSize: 3, name: "c")
        _ = try conv.build(inputShape: [2, 5, 5])
        let parameters = AlignedBuffer(count: conv.parameterCount)
        var generator = SeededGenerator(seed: 1)
        conv.initializeParameters(parameters.buffer, generator: &generator)
        let bound = 1 / Float(18).squareRoot()
        #expect(parameters.buffer.allSatisfy { abs($0) <= bound })
        #expect(parameters.buffer.max()! > bound * 0.8)
    }
}

@Suite struct ConvolutionGradientTests {
    @Test func conv2DBackwardMatchesFiniteDifferences() throws {
        try checkGradients(Conv2D(outChannels: 3, kernelSize: 3, name: "c"), inputShape: [2, 5, 6])
    }

    @Test func conv2DWithStrideAndPaddingBackwardMatchesFiniteDifferences() throws {
        try checkGradients(Conv2D(outChannels: 3, kernelSize: 3, stride: 2, padding: 1, name: "c"), inputShape: [2, 5, 6])
    }

    @Test func conv2DWithEvenKernelAndNoBiasBackwardMatchesFiniteDifferences() throws {
        try checkGradients(Conv2D(outChannels: 2, kernelSize: 2, stride: 3, padding: 1, bias: false, name: "c"),
                           inputShape: [3, 7, 5])
    }

    @Test func samePaddedConv2DBackwardMatchesFiniteDifferences() throws {
        // Stride 1 with 2p = k − 1 takes the shifted-copy im2col/col2im path.
        try checkGradients(Conv2D(outChannels: 3, kernelSize: 5, padding: 2, name: "c"), inputShape: [2, 6, 7])
    }

    @Test func pointwiseConv2DBackwardMatchesFiniteDifferences() throws {
        try checkGradients(Conv2D(outChannels: 4, kernelSize: 1, name: "c"), inputShape: [3, 4, 5])
    }

    @Test func conv2DWithoutInputGradientStillComputesWeightGradient() throws {
        try checkGradients(Conv2D(outChannels: 3, kernelSize: 3, padding: 1, name: "c"), inputShape: [2, 4, 4],
                           checkInput: false)
    }

    @Test func depthwiseConv2DBackwardMatchesFiniteDifferences() throws {
        try checkGradients(DepthwiseConv2D(kernelSize: 3, padding: 1, name: "dw"), inputShape: [3, 5, 6])
    }

    @Test func depthwiseConv2DWithStrideAndMultiplierBackwardMatchesFiniteDifferences() throws {
        try checkGradients(DepthwiseConv2D(kernelSize: 3, stride: 2, padding: 1, depthMultiplier: 2, name: "dw"),
                           inputShape: [2, 7, 6])
    }

    @Test func depthwiseConv2DWithoutBiasBackwardMatchesFiniteDifferences() throws {
        try checkGradients(DepthwiseConv2D(kernelSize: 2, stride: 1, depthMultiplier: 3, bias: false, name: "dw"),
                           inputShape: [2, 4, 5])
    }
}
