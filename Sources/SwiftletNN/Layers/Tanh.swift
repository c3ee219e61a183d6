import SwiftletTensor

/// The hyperbolic tangent, elementwise. Its backward reads only its output (`1 − y²`).
public final class Tanh: Layer {
    public var name: String
    private var size = 0

    /// Creates the activation.
    public init(name: String = "tanh") { self.name = name }

    public var summary: String { "Tanh" }

    public func build(inputShape: [Int]) throws(ModelError) -> [Int] {
        size = inputShape.reduce(1, *)
        return inputShape
    }

    public func backwardNeeds(inputGradient: Bool) -> BackwardNeeds {
        BackwardNeeds(input: false, output: inputGradient)
    }

    public func forward(_ input: UnsafePointer<Float>, _ output: UnsafeMutablePointer<Float>, batchSize: Int, context: LayerContext) {
        Kernels.tanh(input, output, count: batchSize * size)
    }

    public func backward(
        input: UnsafePointer<Float>?, output: UnsafePointer<Float>?,
        outputGradient: UnsafeMutablePointer<Float>, inputGradient: UnsafeMutablePointer<Float>?,
        batchSize: Int, context: LayerContext
    ) {
        guard let inputGradient, let output else { return }
        Kernels.tanhBackward(output: output, outputGradient: outputGradient, inputGradient: inputGradient, count: batchSize * size)
    }
}
