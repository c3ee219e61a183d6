/// Updates a model's trainable parameters from their gradients.
///
/// Optimizers are classes because they carry state across steps (momentum, Adam moments); that state is
/// allocated once, on the first update, sized to the trainable parameters only.
public protocol Optimizer: AnyObject {
    /// Extra gradient terms added before each update — FedProx's proximal term, SCAFFOLD's control variates.
    var gradientTerms: [any GradientTerm] { get set }
    /// How many floats of state the optimizer keeps per trainable parameter (0 for plain SGD, 2 for Adam).
    var stateScalarsPerParameter: Int { get }
    /// Applies one update. `segments` map trainable runs of `parameters` to their place in `gradients`.
    func update(parameters: UnsafeMutablePointer<Float>, gradients: UnsafeMutablePointer<Float>, segments: [ParameterSegment])
    /// Forgets all state (momentum, moments, step count), as if freshly created.
    func reset()
}

/// A term added to the gradient of a run of parameters before the optimizer's update.
///
/// Federated algorithms change the local objective: FedProx adds `μ/2‖w − w_global‖²`, whose gradient is
/// `μ(w − w_global)`; SCAFFOLD adds the control-variate correction `c − c_i`.
public protocol GradientTerm: AnyObject {
    /// Adds the term to `gradients[0..<count]` for `parameters[0..<count]`, which start at `parameterOffset`
    /// in the model's parameter buffer.
    func add(parameters: UnsafePointer<Float>, gradients: UnsafeMutablePointer<Float>, count: Int, parameterOffset: Int)
    /// Checks the term fits `model` (a full-model vector of the right length, finite values) before a step uses it.
    func validate(for model: Sequential) throws(ModelError)
}

extension GradientTerm {
    public func validate(for model: Sequential) throws(ModelError) {}
}

extension Optimizer {
    /// Adds every gradient term to every segment.
    func applyGradientTerms(parameters: UnsafeMutablePointer<Float>, gradients: UnsafeMutablePointer<Float>, segments: [ParameterSegment]) {
        guard !gradientTerms.isEmpty else { return }
        for term in gradientTerms {
            for segment in segments {
                term.add(parameters: parameters + segment.parameterOffset, gradients: gradients + segment.gradientOffset,
                         count: segment.count, parameterOffset: segment.parameterOffset)
            }
        }
    }
}
