import SwiftletTensor

/// Adam with decoupled weight decay, as PyTorch's `torch.optim.AdamW`.
///
/// Loshchilov & Hutter, "Decoupled Weight Decay Regularization", ICLR 2019. Each step first shrinks the
/// weights, `w ← (1 − ηλ)·w`, then applies the plain Adam update (Kingma & Ba 2015) to the undecayed
/// gradient, so the decay is not rescaled by the second-moment estimate. Keeps two floats of state per
/// trainable parameter, allocated on the first update.
public final class AdamW: Optimizer {
    /// The learning rate η.
    public var learningRate: Float
    /// The decay rate β1 of the first-moment estimate.
    public let beta1: Float
    /// The decay rate β2 of the second-moment estimate.
    public let beta2: Float
    /// The term ε added to the denominator for numerical stability.
    public let epsilon: Float
    /// The decoupled decay λ; each step multiplies the weights by `1 − ηλ`.
    public let weightDecay: Float
    public var gradientTerms: [any GradientTerm] = []
    private var moments = AdamMoments()

    /// Creates the optimizer with PyTorch's defaults (note λ = 0.01, unlike Adam's 0).
    public init(learningRate: Float = 1e-3, beta1: Float = 0.9, beta2: Float = 0.999, epsilon: Float = 1e-8, weightDecay: Float = 0.01) {
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
                       l2: 0, decoupled: learningRate * weightDecay)
    }
}
