import Testing
@testable import SwiftletNN

/// True if `error` is `.invalidConfiguration` naming `layer`.
func isInvalidConfiguration(_ error: ModelError?, layer: String) -> Bool {
    if case .invalidConfiguration(let name, _) = error { return name == layer }
    return false
}

/// True if `error` is `.shapeMismatch` naming `layer` with the given actual shape.
func isShapeMismatch(_ error: ModelError?, layer: String, actual: [Int]) -> Bool {
    if case .shapeMismatch(let name, _, let shape) = error { return name == layer && shape == actual }
    return false
}

@Suite struct ConvolutionConfigurationTests {
    @Test func zeroKernelSizeIsRejected() {
        let error = #expect(throws: ModelError.self) { try Conv2D(outChannels: 2, kernelSize: 0, name: "c1").build(inputShape: [1, 4, 4]) }
        #expect(isInvalidConfiguration(error, layer: "c1"))
    }

    @Test func zeroStrideIsRejected() {
        let error = #expect(throws: ModelError.self) { try Conv2D(outChannels: 2, kernelSize: 3, stride: 0, name: "c1").build(inputShape: [1, 4, 4]) }
        #expect(isInvalidConfiguration(error, layer: "c1"))
    }

    @Test func paddingAsLargeAsTheKernelIsRejected() {
        let error = #expect(throws: ModelError.self) { try Conv2D(outChannels: 2, kernelSize: 3, padding: 3, name: "c1").build(inputShape: [1, 4, 4]) }
        #expect(isInvalidConfiguration(error, layer: "c1"))
    }

    @Test func negativePaddingIsRejected() {
        let error = #expect(throws: ModelError.self) { try DepthwiseConv2D(kernelSize: 3, padding: -1, name: "d1").build(inputShape: [1, 4, 4]) }
        #expect(isInvalidConfiguration(error, layer: "d1"))
    }

    @Test func zeroOutputChannelsIsRejected() {
        let error = #expect(throws: ModelError.self) { try Conv2D(outChannels: 0, kernelSize: 3, name: "c1").build(inputShape: [1, 4, 4]) }
        #expect(isInvalidConfiguration(error, layer: "c1"))
    }

    @Test func zeroDepthMultiplierIsRejected() {
        let error = #expect(throws: ModelError.self) { try DepthwiseConv2D(kernelSize: 3, depthMultiplier: 0, name: "d1").build(inputShape: [1, 4, 4]) }
        #expect(isInvalidConfiguration(error, layer: "d1"))
    }

    @Test func inputSmallerThanTheKernelIsAShapeMismatch() {
        let error = #expect(throws: ModelError.self) { try Conv2D(outChannels: 2, kernelSize: 5, padding: 1, name: "c1").build(inputShape: [1, 2, 8]) }
        #expect(isShapeMismatch(error, layer: "c1", actual: [1, 2, 8]))
    }

    @Test func flatInputIsAShapeMismatch() {
        let error = #expect(throws: ModelError.self) { try Conv2D(outChannels: 2, kernelSize: 3, name: "c1").build(inputShape: [16]) }
        #expect(isShapeMismatch(error, layer: "c1", actual: [16]))
    }

    @Test func batchedFourDimensionalInputIsAShapeMismatch() {
        let error = #expect(throws: ModelError.self) { try DepthwiseConv2D(kernelSize: 3, name: "d1").build(inputShape: [2, 1, 4, 4]) }
        #expect(isShapeMismatch(error, layer: "d1", actual: [2, 1, 4, 4]))
    }

    @Test func sequentialReportsTheConvolutionThatCannotFit() {
        let error = #expect(throws: ModelError.self) {
            try Sequential(inputShape: [1, 8, 8], layers: [
                Conv2D(outChannels: 4, kernelSize: 5, name: "conv1"), MaxPool2D(kernelSize: 2, name: "pool1"),
                Conv2D(outChannels: 4, kernelSize: 5, name: "conv2"),
            ])
        }
        #expect(isShapeMismatch(error, layer: "conv2", actual: [4, 2, 2]))
    }
}
