import SwiftletTensor

/// The logistic function `1 / (1 + e^−x)`, elementwise. Its backward reads only its output (`y(1 − y)`).
public final class Sigmoid: ElementwiseActivation {
    /// Creates the activation.
    public override init(name: String = "sigmoid") { super.init(name: name) }

    // FLOPs per value: `1/(1 + e^(−x))`: exp, add, divide; backward `dy·y·(1 − y)`.
    override var forwardFLOPsPerValue: Int { 3 }
    override var backwardFLOPsPerValue: Int { 3 }

    override func apply(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, count: Int) {
        Kernels.sigmoid(x, y, count: count)
    }

    override func applyBackward(output y: UnsafePointer<Float>, outputGradient dy: UnsafePointer<Float>,
                                inputGradient dx: UnsafeMutablePointer<Float>, count: Int) {
        Kernels.sigmoidBackward(output: y, outputGradient: dy, inputGradient: dx, count: count)
    }
}
