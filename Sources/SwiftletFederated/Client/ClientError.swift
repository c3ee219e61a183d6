import SwiftletNN

/// Why a ``ModelClient`` refused or failed an instruction. Each case names what was wrong and where.
///
/// Whatever the error, the client's model and its SCAFFOLD control variate are left as they were before the
/// call: a bad instruction never changes local state.
public enum ClientError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The record `record` (`parameters`, or an auxiliary key such as `scaffold.control`) lacks the model's
    /// array `array`.
    case missingArray(record: String, array: String)
    /// The record holds an array the model does not have.
    case unexpectedArray(record: String, array: String)
    /// The record holds the model's array `array` at another position than the model's layout.
    case misplacedArray(record: String, array: String, expectedPosition: Int, actualPosition: Int)
    /// The record's array `array` has another shape than the model's tensor.
    case shapeMismatch(record: String, array: String, expected: [Int], actual: [Int])
    /// The record's array `array` holds NaN or infinity at flat index `index` within the array.
    case nonFiniteValue(record: String, array: String, index: Int)
    /// The instruction lacks an auxiliary record the config asks for (SCAFFOLD's `scaffold.control`).
    case missingAuxiliary(String)
    /// A config value has the wrong type or is out of range; the ``RecordError`` names the key.
    case invalidConfig(RecordError)
    /// A dataset does not fit the model (`dataset` is `training` or `test`).
    case incompatibleDataset(dataset: String, reason: String)
    /// Local training failed; the model was restored to its state before the call.
    case trainingFailed(ModelError)
    /// Evaluation failed; the model was restored to its state before the call.
    case evaluationFailed(ModelError)

    public var description: String {
        switch self {
        case let .missingArray(record, array):
            "\(record): array '\(array)' of the model is missing"
        case let .unexpectedArray(record, array):
            "\(record): array '\(array)' is not part of the model"
        case let .misplacedArray(record, array, expected, actual):
            "\(record): array '\(array)' is at position \(actual), the model's layout has it at \(expected)"
        case let .shapeMismatch(record, array, expected, actual):
            "\(record): array '\(array)' has shape \(actual), the model expects \(expected)"
        case let .nonFiniteValue(record, array, index):
            "\(record): array '\(array)' holds NaN or infinity at index \(index)"
        case .missingAuxiliary(let key):
            "the instruction lacks auxiliary arrays '\(key)'"
        case .invalidConfig(let error):
            "\(error)"
        case let .incompatibleDataset(dataset, reason):
            "\(dataset) set: \(reason)"
        case .trainingFailed(let error):
            "local training failed (model restored): \(error)"
        case .evaluationFailed(let error):
            "evaluation failed (model restored): \(error)"
        }
    }
}
