import SwiftletTensor

/// FedProx's proximal term: adds `μ(w − w_anchor)`, the gradient of `μ/2 ‖w − w_anchor‖²`, to the gradient.
///
/// Li et al., "Federated Optimization in Heterogeneous Networks", MLSys 2020. The anchor is the global
/// model a round started from, as a full-model parameter vector (the layout of ``Sequential/parameters``);
/// the term is added only where the optimizer updates, so frozen tensors are untouched. Set ``anchor`` at
/// the start of each round.
public final class ProximalTerm: GradientTerm {
    /// The proximal strength μ (0 turns FedProx into FedAvg).
    public var mu: Float
    /// The full-model parameter vector the local model is pulled towards.
    public var anchor: [Float]

    /// Creates the term.
    public init(mu: Float, anchor: [Float]) {
        self.mu = mu
        self.anchor = anchor
    }

    /// Checks the anchor has one finite value per model parameter; ``Sequential/trainStep(input:targets:batchSize:loss:optimizer:)`` calls it.
    public func validate(for model: Sequential) throws(ModelError) {
        try validateFullModelVector(anchor, named: "anchor", term: "ProximalTerm", for: model)
    }

    public func add(parameters: UnsafePointer<Float>, gradients: UnsafeMutablePointer<Float>, count: Int, parameterOffset: Int) {
        precondition(parameterOffset + count <= anchor.count,
                     "ProximalTerm: anchor has \(anchor.count) values, the model needs at least \(parameterOffset + count)")
        guard mu != 0 else { return }
        anchor.withUnsafeBufferPointer { a in
            Kernels.addProximalGradient(count, mu: mu, parameters: parameters, anchor: a.baseAddress! + parameterOffset,
                                        gradients: gradients)
        }
    }
}
