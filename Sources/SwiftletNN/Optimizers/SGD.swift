import SwiftletTensor

/// Stochastic gradient descent with optional momentum, Nesterov momentum and L2 weight decay.
///
/// Follows PyTorch's `torch.optim.SGD`: `g ← g + λw`; with momentum `b ← μb + g` (b = g on the first step),
/// `g ← g + μb` for Nesterov or `g ← b` otherwise; then `w ← w − η g`.
/// Nesterov momentum: Sutskever et al., "On the importance of initialization and momentum in deep
/// learning", ICML 2013.
public final class SGD: Optimizer {
    /// The learning rate η.
    public var learningRate: Float
    /// The momentum factor μ (0 disables momentum).
    public let momentum: Float
    /// Whether to use Nesterov momentum.
    public let nesterov: Bool
    /// The L2 weight decay λ.
    public let weightDecay: Float
    public var gradientTerms: [any GradientTerm] = []
    private var velocity: AlignedBuffer?
    private var started = false

    /// Creates the optimizer.
    public init(learningRate: Float, momentum: Float = 0, nesterov: Bool = false, weightDecay: Float = 0) {
        self.learningRate = learningRate
        self.momentum = momentum
        self.nesterov = nesterov
        self.weightDecay = weightDecay
    }

    public var stateScalarsPerParameter: Int { momentum == 0 ? 0 : 1 }

    public func reset() {
        velocity = nil
        started = false
    }

    public func update(parameters: UnsafeMutablePointer<Float>, gradients: UnsafeMutablePointer<Float>, segments: [ParameterSegment]) {
        applyGradientTerms(parameters: parameters, gradients: gradients, segments: segments)
        let total = segments.reduce(0) { $0 + $1.count }
        if momentum != 0 && (velocity == nil || velocity!.count != total) {
            velocity = AlignedBuffer(count: total)
            started = false
        }
        for segment in segments {
            let w = parameters + segment.parameterOffset
            let g = gradients + segment.gradientOffset
            if weightDecay != 0 { Kernels.axpy(segment.count, weightDecay, w, g) }
            if momentum != 0, let velocity {
                let b = velocity.baseAddress + segment.gradientOffset
                if started {
                    Kernels.scaleAdd(segment.count, scale: momentum, b, adding: g)  // b = μb + g
                } else {
                    b.update(from: g, count: segment.count)
                }
                if nesterov {
                    Kernels.axpy(segment.count, momentum, b, g)  // g = g + μb
                    Kernels.axpy(segment.count, -learningRate, g, w)
                } else {
                    Kernels.axpy(segment.count, -learningRate, b, w)
                }
            } else {
                Kernels.axpy(segment.count, -learningRate, g, w)
            }
        }
        started = true
    }
}
