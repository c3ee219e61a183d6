import SwiftletTensor

/// Global average pooling: the mean of each channel, `[C, H, W]` → `[C]` (PyTorch's
/// `nn.AdaptiveAvgPool2d(1)` followed by flattening; Lin, Chen & Yan, "Network In Network", 2014).
public final class GlobalAvgPool: Layer {
    public var name: String
    private var channels = 0
    private var planeSize = 0

    /// Creates the layer.
    public init(name: String = "gap") { self.name = name }

    public var summary: String { "GlobalAvgPool(\(channels))" }

    public func build(inputShape: [Int]) throws(ModelError) -> [Int] {
        guard inputShape.count == 3, inputShape.allSatisfy({ $0 > 0 }) else {
            throw .shapeMismatch(layer: name, expected: "[channels, height, width]", actual: inputShape)
        }
        channels = inputShape[0]
        planeSize = inputShape[1] * inputShape[2]
        return [channels]
    }

    public func backwardNeeds(inputGradient: Bool) -> BackwardNeeds { .none }

    public func forward(_ input: UnsafePointer<Float>, _ output: UnsafeMutablePointer<Float>, batchSize: Int, context: LayerContext) {
        Kernels.globalAvgPool(input, planes: batchSize * channels, planeSize: planeSize, output: output)
    }

    public func backward(
        input: UnsafePointer<Float>?, output: UnsafePointer<Float>?,
        outputGradient: UnsafeMutablePointer<Float>, inputGradient: UnsafeMutablePointer<Float>?,
        batchSize: Int, context: LayerContext
    ) {
        guard let inputGradient else { return }
        Kernels.globalAvgPoolBackward(outputGradient: outputGradient, planes: batchSize * channels,
                                      planeSize: planeSize, inputGradient: inputGradient)
    }
}

extension GlobalAvgPool {
    /// Forward: a sum and a scaling per channel plane (`H·W` FLOPs). Input gradient: one scaling per channel,
    /// broadcast over its plane.
    public func cost(batchSize: Int) -> LayerCost {
        let planes = batchSize * channels
        return LayerCost(
            forward: .floats(flops: planes * planeSize, read: planes * planeSize, written: planes),
            inputGradient: .floats(flops: planes, read: planes, written: planes * planeSize))
    }
}
