/// Why a node's result was refused before it could touch the global model.
public enum RejectionReason: Error, Sendable, Equatable, Codable, CustomStringConvertible {
    /// The parameters hold another number of values than the global model.
    case wrongLength(expected: Int, actual: Int)
    /// An array has the right place but another shape.
    case wrongShape(array: String, expected: [Int], actual: [Int])
    /// The arrays are named or ordered differently from the global model's.
    case wrongArrays(expected: [String], actual: [String])
    /// A parameter is NaN or infinite.
    case nonFinite(array: String, index: Int)
    /// An auxiliary vector (such as a control-variate delta) holds NaN or infinity.
    case nonFiniteAuxiliary(key: String, index: Int)
    /// The example count is zero or negative.
    case nonPositiveExampleCount(Int)
    /// The example count is beyond the configured limit.
    case absurdExampleCount(Int, limit: Int)
    /// The payload names a codec the server does not know.
    case unknownEncoding(String)
    /// The codec refused the bytes.
    case malformedEncoding(String)
    /// An evaluation reported a non-finite loss.
    case nonFiniteLoss
    /// The strategy's own check failed.
    case strategy(String)
    /// The node sent a second result for the same round; the first one stands.
    case duplicate

    public var description: String {
        switch self {
        case let .wrongLength(expected, actual): "wrong length: \(actual) values, expected \(expected)"
        case let .wrongShape(array, expected, actual): "array '\(array)' has shape \(actual), expected \(expected)"
        case let .wrongArrays(expected, actual):
            "arrays \(actual.prefix(4))\(actual.count > 4 ? "…" : "") do not match the model's \(expected.prefix(4))\(expected.count > 4 ? "…" : "")"
        case let .nonFinite(array, index): "non-finite value in '\(array)' at index \(index)"
        case let .nonFiniteAuxiliary(key, index): "non-finite value in auxiliary '\(key)' at index \(index)"
        case .nonPositiveExampleCount(let count): "example count \(count) is not positive"
        case let .absurdExampleCount(count, limit): "example count \(count) exceeds the limit \(limit)"
        case .unknownEncoding(let name): "unknown encoding '\(name)'"
        case .malformedEncoding(let reason): "malformed encoding: \(reason)"
        case .nonFiniteLoss: "non-finite loss"
        case .strategy(let reason): reason
        case .duplicate: "duplicate result for the round"
        }
    }
}
