import SwiftletTensor

/// 2-D average pooling over `[C, H, W]` images, as PyTorch's `nn.AvgPool2d` with `count_include_pad=True`
/// (no `ceil_mode`): every window's sum is divided by `k·k`, padded zeros included.
public final class AvgPool2D: Layer {
    public var name: String
    /// The side of the square window.
    public let kernelSize: Int
    /// The step between windows (the window size unless given).
    public let stride: Int
    /// Zero padding on every side.
    public let padding: Int
    var geometry = SpatialGeometry()

    /// Creates an average-pooling layer; `stride` defaults to `kernelSize` (non-overlapping windows).
    public init(kernelSize: Int, stride: Int? = nil, padding: Int = 0, name: String = "avgpool") {
        self.kernelSize = kernelSize
        self.stride = stride ?? kernelSize
        self.padding = padding
        self.name = name
    }

    public var summary: String { "AvgPool2D(\(kernelSize)×\(kernelSize), stride \(stride), padding \(padding))" }

    public func build(inputShape: [Int]) throws(ModelError) -> [Int] {
        geometry = try SpatialGeometry(layer: name, inputShape: inputShape, kernelSize: kernelSize,
                                       stride: stride, padding: padding)
        return [geometry.channels, geometry.outHeight, geometry.outWidth]
    }

    public func backwardNeeds(inputGradient: Bool) -> BackwardNeeds { .none }

    public func forward(_ input: UnsafePointer<Float>, _ output: UnsafeMutablePointer<Float>, batchSize: Int, context: LayerContext) {
        let g = geometry
        context.pool.parallelChunks(batchSize * g.channels, workPerItem: g.inputPlane * kernelSize * kernelSize) { _, planes in
            for p in planes {
                Kernels.avgPool2DPlane(
                    input + p * g.inputPlane, height: g.height, width: g.width, kernelSize: kernelSize, stride: stride,
                    padding: padding, output: output + p * g.outputPlane, outHeight: g.outHeight, outWidth: g.outWidth)
            }
        }
    }

    public func backward(
        input: UnsafePointer<Float>?, output: UnsafePointer<Float>?,
        outputGradient: UnsafeMutablePointer<Float>, inputGradient: UnsafeMutablePointer<Float>?,
        batchSize: Int, context: LayerContext
    ) {
        guard let inputGradient else { return }
        let g = geometry
        context.pool.parallelChunks(batchSize * g.channels, workPerItem: g.inputPlane * kernelSize * kernelSize) { _, planes in
            for p in planes {
                Kernels.avgPool2DPlaneBackward(
                    outputGradient: outputGradient + p * g.outputPlane, outHeight: g.outHeight, outWidth: g.outWidth,
                    kernelSize: kernelSize, stride: stride, padding: padding,
                    inputGradient: inputGradient + p * g.inputPlane, height: g.height, width: g.width)
            }
        }
    }
}

extension AvgPool2D {
    /// Forward: `k² − 1` additions and one scaling per output. Input gradient: one scaling per output, then
    /// `k²` accumulations into the input gradient.
    public func cost(batchSize: Int) -> LayerCost {
        let outputs = batchSize * geometry.channels * geometry.outputPlane
        let inputs = batchSize * geometry.inputSize
        let taps = kernelSize * kernelSize
        return LayerCost(
            forward: .floats(flops: outputs * taps, read: inputs, written: outputs),
            inputGradient: .floats(flops: outputs * (taps + 1), read: outputs, written: inputs))
    }
}
