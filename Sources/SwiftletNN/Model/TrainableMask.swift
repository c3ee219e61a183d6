/// Which parameter tensors a model trains.
///
/// Frozen tensors get no gradient storage and no optimizer state, and layers whose backward pass is not
/// needed keep no activations, so the memory report shrinks accordingly. Bias-only training is TinyTL's
/// recipe (Cai et al., "TinyTL: Reduce Memory, Not Parameters for Efficient On-Device Learning", NeurIPS 2020).
public enum TrainableMask: Sendable, Equatable {
    /// Every parameter is trained.
    case all
    /// Nothing is trained (inference only).
    case none
    /// Every layer except those named is trained.
    case freezing(Set<String>)
    /// Only the named layers are trained.
    case only(Set<String>)
    /// Only bias tensors are trained (TinyTL).
    case biasesOnly
    /// Only the last `k` layers that have parameters are trained.
    case lastLayers(Int)

    /// Whether `spec` of the layer at `index` (named `name`) is trainable, given which layers have parameters.
    func isTrainable(_ spec: ParameterSpec, layerIndex index: Int, name: String, parametrizedIndices: [Int]) -> Bool {
        switch self {
        case .all: return true
        case .none: return false
        case .freezing(let names): return !names.contains(name)
        case .only(let names): return names.contains(name)
        case .biasesOnly: return spec.role == .bias
        case .lastLayers(let k): return parametrizedIndices.suffix(max(k, 0)).contains(index)
        }
    }

    /// The layer names the mask mentions, to check they exist.
    var mentionedNames: Set<String> {
        switch self {
        case .freezing(let names), .only(let names): return names
        default: return []
        }
    }
}
