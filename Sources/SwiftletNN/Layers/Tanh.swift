import SwiftletTensor

/// The hyperbolic tangent, elementwise. Its backward reads only its output (`1 − y²`).
public final class Tanh: ElementwiseActivation {
    /// Creates the activation.
    public override init(name: String = "tanh") { super.init(name: name) }

    // FLOPs per value: tanh as one operation; backward `dy·(1 − y²)`.
    override var forwardFLOPsPerValue: Int { 1 }
    override var backwardFLOPsPerValue: Int { 3 }

    override func apply(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, count: Int) {
        Kernels.tanh(x, y, count: count)
    }

    override func applyBackward(output y: UnsafePointer<Float>, outputGradient dy: UnsafePointer<Float>,
                                inputGradient dx: UnsafeMutablePointer<Float>, count: Int) {
        Kernels.tanhBackward(output: y, outputGradient: dy, inputGradient: dx, count: count)
    }
}
