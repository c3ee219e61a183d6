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

    /// One pass over the values each way: forward reads `x` and writes `y`, the input gradient reads `y` and
    /// `dy` and writes `dx`, with the subclass's FLOPs per value (a comparison or a transcendental function
    /// counting as one).
    public func cost(batchSize: Int) -> LayerCost {
        let count = batchSize * size
        return LayerCost(
            forward: .floats(flops: forwardFLOPsPerValue * count, read: count, written: count),
            inputGradient: .floats(flops: backwardFLOPsPerValue * count, read: 2 * count, written: count))
    }

    /// FLOPs per value of `f`.
    var forwardFLOPsPerValue: Int { 1 }
    /// FLOPs per value of `dx = f'(x)·dy`.
    var backwardFLOPsPerValue: Int { 1 }

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
