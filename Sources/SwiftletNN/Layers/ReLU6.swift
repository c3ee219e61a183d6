import SwiftletTensor

/// `min(max(0, x), 6)`, elementwise: the bounded ReLU of MobileNet (Howard et al. 2017), which keeps
/// activations in a range that quantises well. Its backward reads only its output.
public final class ReLU6: Layer {
    public var name: String
    private var size = 0

    /// Creates the activation.
    public init(name: String = "relu6") { self.name = name }

    public var summary: String { "ReLU6" }

    public func build(inputShape: [Int]) throws(ModelError) -> [Int] {
        size = inputShape.reduce(1, *)
        return inputShape
    }

    public func backwardNeeds(inputGradient: Bool) -> BackwardNeeds {
        BackwardNeeds(input: false, output: inputGradient)
    }

    public func forward(_ input: UnsafePointer<Float>, _ output: UnsafeMutablePointer<Float>, batchSize: Int, context: LayerContext) {
        Kernels.relu6(input, output, count: batchSize * size)
    }

    public func backward(
        input: UnsafePointer<Float>?, output: UnsafePointer<Float>?,
        outputGradient: UnsafeMutablePointer<Float>, inputGradient: UnsafeMutablePointer<Float>?,
        batchSize: Int, context: LayerContext
    ) {
        guard let inputGradient, let output else { return }
        Kernels.relu6Backward(output: output, outputGradient: outputGradient, inputGradient: inputGradient, count: batchSize * size)
    }
}
