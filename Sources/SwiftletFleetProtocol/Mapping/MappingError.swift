/// Why message content cannot become one of Swiftlet's engine messages (or the reverse).
public enum MappingError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A required record is absent or of another kind.
    case missingRecord(String, expected: String)
    /// A required entry is absent from a record.
    case missingEntry(record: String, key: String)
    /// An entry has the wrong type or an impossible value.
    case invalidEntry(record: String, key: String, reason: String)
    /// A received array does not fit the expected array at that position.
    case arrayMismatch(index: Int, key: String, reason: String)
    /// The number of received arrays differs from the expected number; `unmatched` names the first array
    /// (received, or expected by the model) that has no counterpart.
    case arrayCountMismatch(record: String, expected: Int, actual: Int, unmatched: String)
    /// An array's serialisation type is not one this side reads.
    case unsupportedSType(index: Int, key: String, stype: String)

    /// What was wrong and where.
    public var description: String {
        switch self {
        case .missingRecord(let name, let expected): "content has no \(expected) named '\(name)'"
        case .missingEntry(let record, let key): "record '\(record)' has no entry '\(key)'"
        case .invalidEntry(let record, let key, let reason): "record '\(record)', entry '\(key)': \(reason)"
        case .arrayMismatch(let index, let key, let reason): "array \(index) ('\(key)'): \(reason)"
        case .arrayCountMismatch(let record, let expected, let actual, let unmatched):
            "array record '\(record)' holds \(actual) arrays, expected \(expected): \(unmatched)"
        case .unsupportedSType(let index, let key, let stype): "array \(index) ('\(key)'): unsupported stype '\(stype)'"
        }
    }
}
