import SwiftletTensor

/// The rectified linear unit `max(0, x)`, elementwise. Its backward reads only its output.
public final class ReLU: ElementwiseActivation {
    /// Creates the activation.
    public override init(name: String = "relu") { super.init(name: name) }

    // FLOPs per value: one comparison each way.
    override var forwardFLOPsPerValue: Int { 1 }
    override var backwardFLOPsPerValue: Int { 1 }

    override func apply(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, count: Int) {
        Kernels.relu(x, y, count: count)
    }

    override func applyBackward(output y: UnsafePointer<Float>, outputGradient dy: UnsafePointer<Float>,
                                inputGradient dx: UnsafeMutablePointer<Float>, count: Int) {
        Kernels.reluBackward(output: y, outputGradient: dy, inputGradient: dx, count: count)
    }
}
