import SwiftletTensor

/// `min(max(0, x), 6)`, elementwise: the bounded ReLU of MobileNet (Howard et al. 2017), which keeps
/// activations in a range that quantises well. Its backward reads only its output.
public final class ReLU6: ElementwiseActivation {
    /// Creates the activation.
    public override init(name: String = "relu6") { super.init(name: name) }

    // FLOPs per value: min and max forward, two comparisons selecting the gradient.
    override var forwardFLOPsPerValue: Int { 2 }
    override var backwardFLOPsPerValue: Int { 2 }

    override func apply(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, count: Int) {
        Kernels.relu6(x, y, count: count)
    }

    override func applyBackward(output y: UnsafePointer<Float>, outputGradient dy: UnsafePointer<Float>,
                                inputGradient dx: UnsafeMutablePointer<Float>, count: Int) {
        Kernels.relu6Backward(output: y, outputGradient: dy, inputGradient: dx, count: count)
    }
}
