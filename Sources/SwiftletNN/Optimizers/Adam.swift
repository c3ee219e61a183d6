import SwiftletTensor

/// Adam with optional L2 weight decay added to the gradient, as PyTorch's `torch.optim.Adam`.
///
/// Kingma & Ba, "Adam: A Method for Stochastic Optimization", ICLR 2015. Per step t:
/// `g ← g + λw`, `m ← β1·m + (1 − β1)·g`, `v ← β2·v + (1 − β2)·g²`,
/// `w ← w − η/(1 − β1ᵗ) · m / (√v / √(1 − β2ᵗ) + ε)`. Because the decay passes through the adaptive
/// scaling it is not true weight decay; use ``AdamW`` for that. Keeps two floats of state per trainable
/// parameter, allocated on the first update.
public final class Adam: Optimizer {
    /// The learning rate η.
    public var learningRate: Float
    /// The decay rate β1 of the first-moment estimate.
    public let beta1: Float
    /// The decay rate β2 of the second-moment estimate.
    public let beta2: Float
    /// The term ε added to the denominator for numerical stability.
    public let epsilon: Float
    /// The L2 penalty λ, added to the gradient as `λw`.
    public let weightDecay: Float
    public var gradientTerms: [any GradientTerm] = []
    private var moments = AdamMoments()

    /// Creates the optimizer with PyTorch's defaults.
    public init(learningRate: Float = 1e-3, beta1: Float = 0.9, beta2: Float = 0.999, epsilon: Float = 1e-8, weightDecay: Float = 0) {
        self.learningRate = learningRate
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        self.weightDecay = weightDecay
    }

    public var stateScalarsPerParameter: Int { 2 }

    /// The number of updates applied since creation or the last ``reset()``.
    public var stepCount: Int { moments.step }

    public func reset() { moments.reset() }

    public func update(parameters: UnsafeMutablePointer<Float>, gradients: UnsafeMutablePointer<Float>, segments: [ParameterSegment]) {
        applyGradientTerms(parameters: parameters, gradients: gradients, segments: segments)
        moments.update(parameters: parameters, gradients: gradients, segments: segments,
                       learningRate: learningRate, beta1: beta1, beta2: beta2, epsilon: epsilon,
                       l2: weightDecay, decoupled: 0)
    }
}
