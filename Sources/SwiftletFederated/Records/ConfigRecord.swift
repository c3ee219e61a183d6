/// Typed settings a strategy sends with an instruction: local epochs, batch size, learning rate, μ, ….
///
/// Readers are typed and strict: asking for an `Int` where the record holds a string is an error naming the
/// key, never a silent default. A `Double` reader accepts an `int` value, since `1` and `1.0` mean the same
/// learning rate.
public struct ConfigRecord: Sendable, Hashable, Codable, ExpressibleByDictionaryLiteral {
    /// The entries.
    public var entries: [String: ConfigValue]

    /// Creates a record.
    public init(_ entries: [String: ConfigValue] = [:]) {
        self.entries = entries
    }

    public init(dictionaryLiteral elements: (String, ConfigValue)...) {
        entries = Dictionary(elements, uniquingKeysWith: { _, last in last })
    }

    /// The value for `key`.
    public subscript(key: String) -> ConfigValue? {
        get { entries[key] }
        set { entries[key] = newValue }
    }

    /// The keys in sorted order, so records print and serialise deterministically.
    public var sortedKeys: [String] { entries.keys.sorted() }

    /// Adds `other`'s entries, which win over existing ones.
    public func merging(_ other: ConfigRecord) -> ConfigRecord {
        ConfigRecord(entries.merging(other.entries) { _, new in new })
    }

    /// The integer at `key`, or `nil` when absent.
    public func int(_ key: String) throws(RecordError) -> Int? {
        guard let value = entries[key] else { return nil }
        guard case .int(let v) = value else { throw .typeMismatch(key: key, expected: "int", actual: value.typeName) }
        guard let result = Int(exactly: v) else { throw .invalidValue(key: key, value: "\(v)", reason: "out of range") }
        return result
    }

    /// The number at `key` (an `int` or a `double`), or `nil` when absent.
    public func double(_ key: String) throws(RecordError) -> Double? {
        guard let value = entries[key] else { return nil }
        switch value {
        case .double(let v): return v
        case .int(let v): return Double(v)
        default: throw .typeMismatch(key: key, expected: "double", actual: value.typeName)
        }
    }

    /// The boolean at `key`, or `nil` when absent.
    public func bool(_ key: String) throws(RecordError) -> Bool? {
        guard let value = entries[key] else { return nil }
        guard case .bool(let v) = value else { throw .typeMismatch(key: key, expected: "bool", actual: value.typeName) }
        return v
    }

    /// The string at `key`, or `nil` when absent.
    public func string(_ key: String) throws(RecordError) -> String? {
        guard let value = entries[key] else { return nil }
        guard case .string(let v) = value else { throw .typeMismatch(key: key, expected: "string", actual: value.typeName) }
        return v
    }

    /// The bytes at `key`, or `nil` when absent.
    public func bytes(_ key: String) throws(RecordError) -> [UInt8]? {
        guard let value = entries[key] else { return nil }
        guard case .bytes(let v) = value else { throw .typeMismatch(key: key, expected: "bytes", actual: value.typeName) }
        return v
    }
}
