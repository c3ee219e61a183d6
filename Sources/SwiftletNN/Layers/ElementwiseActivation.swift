import SwiftletTensor

/// The shared machinery of elementwise activations whose derivative is a function of their output
/// (ReLU, ReLU6, sigmoid, tanh): shape passes through, backward reads only the output.
///
/// Subclasses supply the two kernels; everything else — shape handling, backward needs, the
/// "no input gradient requested, nothing to do" rule — lives here once.
public class ElementwiseActivation: Layer {
    public var name: String
    var size = 0

    init(name: String) { self.name = name }

    public var summary: String { String(describing: type(of: self)) }

    public func build(inputShape: [Int]) throws(ModelError) -> [Int] {
        size = inputShape.reduce(1, *)
        return inputShape
    }

    public func backwardNeeds(inputGradient: Bool) -> BackwardNeeds {
        BackwardNeeds(input: false, output: inputGradient)
    }

    public func forward(_ input: UnsafePointer<Float>, _ output: UnsafeMutablePointer<Float>, batchSize: Int, context: LayerContext) {
        apply(input, output, count: batchSize * size)
    }

    public func backward(
        input: UnsafePointer<Float>?, output: UnsafePointer<Float>?,
        outputGradient: UnsafeMutablePointer<Float>, inputGradient: UnsafeMutablePointer<Float>?,
        batchSize: Int, context: LayerContext
    ) {
        guard let inputGradient, let output else { return }
        applyBackward(output: output, outputGradient: outputGradient, inputGradient: inputGradient, count: batchSize * size)
    }

    /// `y = f(x)` over `count` values.
    func apply(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, count: Int) {
        preconditionFailure("\(type(of: self)) must override apply")
    }

    /// `dx = f'(x) · dy`, with `f'` expressed through the output `y`.
    func applyBackward(output y: UnsafePointer<Float>, outputGradient dy: UnsafePointer<Float>,
                       inputGradient dx: UnsafeMutablePointer<Float>, count: Int) {
        preconditionFailure("\(type(of: self)) must override applyBackward")
    }
}
