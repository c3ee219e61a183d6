/// What was wrong with a record: a missing key, a value of the wrong type, or arrays that do not fit.
public enum RecordError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A config key the reader requires is absent.
    case missingKey(String)
    /// A config or metric value has another type than the reader asked for.
    case typeMismatch(key: String, expected: String, actual: String)
    /// A config value is of the right type but outside what the reader accepts.
    case invalidValue(key: String, value: String, reason: String)
    /// The specs of an ``ArrayRecord`` describe another number of values than it holds.
    case countMismatch(expected: Int, actual: Int)
    /// An ``ArraySpec`` has a negative dimension or an empty name.
    case invalidSpec(name: String, shape: [Int])
    /// Two arrays in one record share a name.
    case duplicateArrayName(String)

    public var description: String {
        switch self {
        case .missingKey(let key): "config key '\(key)' is missing"
        case let .typeMismatch(key, expected, actual): "config key '\(key)' holds \(actual), expected \(expected)"
        case let .invalidValue(key, value, reason): "config key '\(key)' = \(value): \(reason)"
        case let .countMismatch(expected, actual): "array specs describe \(expected) values, the record holds \(actual)"
        case let .invalidSpec(name, shape): "array '\(name)' has an invalid shape \(shape)"
        case .duplicateArrayName(let name): "two arrays are named '\(name)'"
        }
    }
}
