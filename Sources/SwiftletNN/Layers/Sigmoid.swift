import SwiftletTensor

/// The logistic function `1 / (1 + e^−x)`, elementwise. Its backward reads only its output (`y(1 − y)`).
public final class Sigmoid: Layer {
    public var name: String
    private var size = 0

    /// Creates the activation.
    public init(name: String = "sigmoid") { self.name = name }

    public var summary: String { "Sigmoid" }

    public func build(inputShape: [Int]) throws(ModelError) -> [Int] {
        size = inputShape.reduce(1, *)
        return inputShape
    }

    public func backwardNeeds(inputGradient: Bool) -> BackwardNeeds {
        BackwardNeeds(input: false, output: inputGradient)
    }

    public func forward(_ input: UnsafePointer<Float>, _ output: UnsafeMutablePointer<Float>, batchSize: Int, context: LayerContext) {
        Kernels.sigmoid(input, output, count: batchSize * size)
    }

    public func backward(
        input: UnsafePointer<Float>?, output: UnsafePointer<Float>?,
        outputGradient: UnsafeMutablePointer<Float>, inputGradient: UnsafeMutablePointer<Float>?,
        batchSize: Int, context: LayerContext
    ) {
        guard let inputGradient, let output else { return }
        Kernels.sigmoidBackward(output: output, outputGradient: outputGradient, inputGradient: inputGradient, count: batchSize * size)
    }
}
