import SwiftletTensor

/// The rectified linear unit `max(0, x)`, elementwise. Its backward reads only its output.
public final class ReLU: Layer {
    public var name: String
    private var size = 0

    /// Creates the activation.
    public init(name: String = "relu") { self.name = name }

    public var summary: String { "ReLU" }

    public func build(inputShape: [Int]) throws(ModelError) -> [Int] {
        size = inputShape.reduce(1, *)
        return inputShape
    }

    public func backwardNeeds(inputGradient: Bool) -> BackwardNeeds {
        BackwardNeeds(input: false, output: inputGradient)
    }

    public func forward(_ input: UnsafePointer<Float>, _ output: UnsafeMutablePointer<Float>, batchSize: Int, context: LayerContext) {
        Kernels.relu(input, output, count: batchSize * size)
    }

    public func backward(
        input: UnsafePointer<Float>?, output: UnsafePointer<Float>?,
        outputGradient: UnsafeMutablePointer<Float>, inputGradient: UnsafeMutablePointer<Float>?,
        batchSize: Int, context: LayerContext
    ) {
        guard let inputGradient, let output else { return }
        Kernels.reluBackward(output: output, outputGradient: outputGradient, inputGradient: inputGradient, count: batchSize * size)
    }
}
