/// What was wrong with a configuration's content, naming the dotted path of the offending key.
public enum ConfigError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The document is not valid TOML.
    case syntax(TOMLError)
    /// Keys no reader asked for — usually misspellings (`bandwith`). Full dotted paths, in document order.
    case unknownKeys([String])
    /// A required key is absent.
    case missingKey(path: String)
    /// A key holds another type than the reader expected.
    case typeMismatch(path: String, expected: String, actual: String)
    /// A key holds a value of the right type that the reader does not accept.
    case invalidValue(path: String, value: String, reason: String)

    public var description: String {
        switch self {
        case .syntax(let error): error.description
        case .unknownKeys(let paths):
            paths.count == 1 ? "unknown key '\(paths[0])'"
                : "unknown keys " + paths.map { "'\($0)'" }.joined(separator: ", ")
        case .missingKey(let path): "missing key '\(path)'"
        case let .typeMismatch(path, expected, actual):
            "key '\(path)' holds \(TOMLParser.article(actual)), expected \(expected)"
        case let .invalidValue(path, value, reason): "key '\(path)' = \(value): \(reason)"
        }
    }
}
