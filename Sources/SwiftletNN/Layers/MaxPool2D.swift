import SwiftletTensor

/// 2-D max pooling over `[C, H, W]` images, as PyTorch's `nn.MaxPool2d` (no dilation, no `ceil_mode`).
///
/// Padding counts as −∞, ties go to the first maximum in row-major window order and NaN propagates. In a
/// training step the forward pass records each window's winning input in the layer's saved buffer, so the
/// backward pass needs neither the input nor the output activation.
public final class MaxPool2D: Layer {
    public var name: String
    /// The side of the square window.
    public let kernelSize: Int
    /// The step between windows (the window size unless given).
    public let stride: Int
    /// Implicit −∞ padding on every side.
    public let padding: Int
    var geometry = SpatialGeometry()
    /// Per output value, the flat index within its input plane of the maximum (a `Float`, exact below 2²⁴).
    private var indices: UnsafeMutablePointer<Float>?

    /// Creates a max-pooling layer; `stride` defaults to `kernelSize` (non-overlapping windows).
    public init(kernelSize: Int, stride: Int? = nil, padding: Int = 0, name: String = "maxpool") {
        self.kernelSize = kernelSize
        self.stride = stride ?? kernelSize
        self.padding = padding
        self.name = name
    }

    public var summary: String { "MaxPool2D(\(kernelSize)×\(kernelSize), stride \(stride), padding \(padding))" }

    public func build(inputShape: [Int]) throws(ModelError) -> [Int] {
        geometry = try SpatialGeometry(layer: name, inputShape: inputShape, kernelSize: kernelSize,
                                       stride: stride, padding: padding)
        return [geometry.channels, geometry.outHeight, geometry.outWidth]
    }

    public func backwardNeeds(inputGradient: Bool) -> BackwardNeeds { .none }

    public func memory(capacity: Int, training: Bool) -> LayerMemory {
        LayerMemory(saved: training ? capacity * geometry.channels * geometry.outputPlane : 0)
    }

    public func prepare(capacity: Int, saved: UnsafeMutablePointer<Float>?) {
        indices = saved
    }

    public func forward(_ input: UnsafePointer<Float>, _ output: UnsafeMutablePointer<Float>, batchSize: Int, context: LayerContext) {
        let g = geometry
        let record = context.training ? indices : nil
        context.pool.parallelChunks(batchSize * g.channels, workPerItem: g.inputPlane) { _, planes in
            for p in planes {
                Kernels.maxPool2DPlane(
                    input + p * g.inputPlane, height: g.height, width: g.width, kernelSize: kernelSize, stride: stride,
                    padding: padding, output: output + p * g.outputPlane, outHeight: g.outHeight, outWidth: g.outWidth,
                    indices: record.map { $0 + p * g.outputPlane })
            }
        }
    }

    public func backward(
        input: UnsafePointer<Float>?, output: UnsafePointer<Float>?,
        outputGradient: UnsafeMutablePointer<Float>, inputGradient: UnsafeMutablePointer<Float>?,
        batchSize: Int, context: LayerContext
    ) {
        guard let inputGradient, let indices else { return }
        let g = geometry
        context.pool.parallelChunks(batchSize * g.channels, workPerItem: g.inputPlane) { _, planes in
            for p in planes {
                Kernels.maxPool2DPlaneBackward(
                    outputGradient: outputGradient + p * g.outputPlane, indices: indices + p * g.outputPlane,
                    outputCount: g.outputPlane, inputGradient: inputGradient + p * g.inputPlane, inputCount: g.inputPlane)
            }
        }
    }
}

extension MaxPool2D {
    /// Forward: `k² − 1` comparisons per output, writing the outputs and (training) their argmax indices.
    /// Input gradient: the input gradient is cleared, then each output's gradient is added at its argmax.
    public func cost(batchSize: Int) -> LayerCost {
        let outputs = batchSize * geometry.channels * geometry.outputPlane
        let inputs = batchSize * geometry.inputSize
        return LayerCost(
            forward: .floats(flops: outputs * (kernelSize * kernelSize - 1), read: inputs, written: 2 * outputs),
            inputGradient: .floats(flops: outputs, read: 2 * outputs, written: inputs))
    }
}
