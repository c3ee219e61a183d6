/// Errors raised while building, training, evaluating or loading a model. Each names where it happened.
public enum ModelError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A layer cannot accept the input shape it was given.
    case shapeMismatch(layer: String, expected: String, actual: [Int])
    /// A layer was configured with an impossible hyper-parameter.
    case invalidConfiguration(layer: String, reason: String)
    /// An input buffer's size does not match `batchSize × sample size`.
    case inputSizeMismatch(expected: Int, actual: Int)
    /// A target buffer's size does not match what the loss needs.
    case targetSizeMismatch(expected: Int, actual: Int)
    /// A batch size that is zero, negative or absurd.
    case invalidBatchSize(Int)
    /// Sample `sample` has a class label outside `0..<classes`.
    case labelOutOfRange(sample: Int, label: Int, classes: Int)
    /// Sample `sample` has a NaN or infinite input value at `index` (flat index within the sample).
    case nonFiniteInput(sample: Int, index: Int)
    /// Sample `sample` has an input the first layer cannot accept (an embedding index out of range, …).
    case invalidInput(layer: String, sample: Int, reason: String)
    /// Sample `sample` has a NaN or infinite target value.
    case nonFiniteTarget(sample: Int)
    /// The loss became NaN or infinite; the update was not applied.
    case nonFiniteLoss(step: Int)
    /// A gradient became NaN or infinite in `layer`; the update was not applied.
    case nonFiniteGradient(layer: String, tensor: String)
    /// A parameter tensor holds NaN or infinity at `index`.
    case nonFiniteParameter(layer: String, tensor: String, index: Int)
    /// A parameter vector has the wrong length.
    case parameterCountMismatch(expected: Int, actual: Int)
    /// A layer name given to a trainable mask does not exist.
    case unknownLayer(String)
    /// Two layers share a name.
    case duplicateLayerName(String)

    public var description: String {
        switch self {
        case .shapeMismatch(let layer, let expected, let actual):
            return "layer '\(layer)': expected input \(expected), got \(actual)"
        case .invalidConfiguration(let layer, let reason):
            return "layer '\(layer)': \(reason)"
        case .inputSizeMismatch(let expected, let actual):
            return "input holds \(actual) values, expected \(expected) (batch size × sample size)"
        case .targetSizeMismatch(let expected, let actual):
            return "targets hold \(actual) values, expected \(expected)"
        case .invalidBatchSize(let size):
            return "invalid batch size \(size)"
        case .labelOutOfRange(let sample, let label, let classes):
            return "sample \(sample): label \(label) is outside 0..<\(classes)"
        case .nonFiniteInput(let sample, let index):
            return "sample \(sample): input value \(index) is NaN or infinite"
        case .invalidInput(let layer, let sample, let reason):
            return "layer '\(layer)', sample \(sample): \(reason)"
        case .nonFiniteTarget(let sample):
            return "sample \(sample): target is NaN or infinite"
        case .nonFiniteLoss(let step):
            return "step \(step): loss is NaN or infinite; update not applied"
        case .nonFiniteGradient(let layer, let tensor):
            return "layer '\(layer)': gradient of '\(tensor)' is NaN or infinite; update not applied"
        case .nonFiniteParameter(let layer, let tensor, let index):
            return "layer '\(layer)': parameter '\(tensor)' holds NaN or infinity at index \(index)"
        case .parameterCountMismatch(let expected, let actual):
            return "parameter vector has \(actual) values, the model has \(expected)"
        case .unknownLayer(let name):
            return "no layer named '\(name)'"
        case .duplicateLayerName(let name):
            return "two layers are named '\(name)'"
        }
    }
}
