/// What one layer costs for a batch: its forward pass and the two halves of its backward pass.
///
/// The backward pass is split because a model skips parts of it: the first trained layer computes no input
/// gradient, and a frozen layer computes no parameter gradient. See ``ComputeCost`` for the counting rules.
public struct LayerCost: Sendable, Equatable {
    /// The forward pass.
    public var forward: ComputeCost
    /// Backward: the gradient with respect to the layer's input.
    public var inputGradient: ComputeCost
    /// Backward: the gradients of the layer's parameters (and, for recurrent layers, the backpropagation
    /// through time those need even when no input gradient is asked for).
    public var parameterGradient: ComputeCost

    /// Creates a cost.
    public init(forward: ComputeCost, inputGradient: ComputeCost = .zero, parameterGradient: ComputeCost = .zero) {
        self.forward = forward
        self.inputGradient = inputGradient
        self.parameterGradient = parameterGradient
    }

    /// The whole backward pass.
    public var backward: ComputeCost { inputGradient + parameterGradient }

    /// Forward and whole backward pass.
    public var total: ComputeCost { forward + backward }
}
