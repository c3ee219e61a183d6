/// Reads settings out of a TOML table with typed accessors, remembering which keys were read so that every
/// key nobody asked for can be reported as unknown.
///
/// A misspelt key in a config must not silently fall back to a default: decode everything through a reader,
/// then call ``finish()``, which throws ``ConfigError/unknownKeys(_:)`` listing each unread key by its full
/// path (`devices.phone.bandwith`). Child readers from ``table(_:)`` and ``tables(_:)`` report into their
/// parent's check. Accessors return `nil` for an absent key; the `required` forms throw instead.
/// A `Double` accessor accepts an integer (`lr = 1` means 1.0); nothing else is converted.
///
/// ```swift
/// let config = try ConfigReader(toml: text)
/// let rounds = try config.int("rounds") ?? 20
/// if let phone = try config.table("devices")?.table("phone") {
///     let bandwidth = try phone.required(phone.double("bandwidth"), "bandwidth")
/// }
/// try config.finish()   // unknown key 'devices.phone.bandwith'
/// ```
public final class ConfigReader {
    /// The table being read.
    public let table: TOMLTable
    /// Where this table is in its document, as messages print it: empty for the root, `devices.phone`,
    /// `links[1]` for an element of an array of tables.
    public let location: String
    private var consumed: Set<String> = []
    private var children: [(key: String, readers: [ConfigReader])] = []

    /// Creates a reader over `table`, found at `location` in its document (see ``location``).
    public init(_ table: TOMLTable, location: String = "") {
        self.table = table
        self.location = location
    }

    /// Parses `text` as TOML and returns a reader over the document, syntax errors wrapped in ``ConfigError``.
    public convenience init(toml text: String) throws(ConfigError) {
        do {
            self.init(try TOMLParser.parse(text))
        } catch {
            throw .syntax(error)
        }
    }

    /// The dotted path of `key` in this table, for messages.
    public func path(of key: String) -> String {
        location.isEmpty ? TOMLSerializer.key(key) : location + "." + TOMLSerializer.key(key)
    }

    /// Whether the table has `key` (does not mark it as read).
    public func contains(_ key: String) -> Bool { table[key] != nil }

    /// The raw value at `key`, marked as read — for settings whose type the caller interprets itself.
    public func value(_ key: String) -> TOMLValue? {
        consumed.insert(key)
        return table[key]
    }

    /// Marks `key` as read without decoding it (for keys kept only for documentation or compatibility).
    public func ignore(_ key: String) { consumed.insert(key) }

    /// The string at `key`.
    public func string(_ key: String) throws(ConfigError) -> String? {
        try typed(key, "a string") { $0.stringValue }
    }

    /// The integer at `key`, which must fit in `Int`.
    public func int(_ key: String) throws(ConfigError) -> Int? {
        guard let value = try typed(key, "an integer", { $0.integerValue }) else { return nil }
        guard let result = Int(exactly: value) else {
            throw .invalidValue(path: path(of: key), value: String(value), reason: "out of range")
        }
        return result
    }

    /// The number at `key`: a float, or an integer converted to `Double`.
    public func double(_ key: String) throws(ConfigError) -> Double? {
        try typed(key, "a number") { value in
            if case .integer(let i) = value { return Double(i) }
            return value.floatValue
        }
    }

    /// The boolean at `key`.
    public func bool(_ key: String) throws(ConfigError) -> Bool? {
        try typed(key, "a boolean") { $0.booleanValue }
    }

    /// The date-time at `key`.
    public func dateTime(_ key: String) throws(ConfigError) -> TOMLDateTime? {
        try typed(key, "a date-time") { if case .dateTime(let d) = $0 { d } else { nil } }
    }

    /// The array of strings at `key`; an element of another type is an error naming its index.
    public func strings(_ key: String) throws(ConfigError) -> [String]? {
        try elements(key, "a string") { $0.stringValue }
    }

    /// The array of integers at `key`.
    public func ints(_ key: String) throws(ConfigError) -> [Int]? {
        try elements(key, "an integer") { $0.integerValue.flatMap { Int(exactly: $0) } }
    }

    /// The array of numbers at `key` (integers converted).
    public func doubles(_ key: String) throws(ConfigError) -> [Double]? {
        try elements(key, "a number") { value in
            if case .integer(let i) = value { return Double(i) }
            return value.floatValue
        }
    }

    /// The string at `key` as one of an enumeration's cases, listing the accepted names when it is none.
    public func choice<T: RawRepresentable & CaseIterable>(_ key: String, as type: T.Type = T.self) throws(ConfigError) -> T?
    where T.RawValue == String {
        guard let name = try string(key) else { return nil }
        guard let value = T(rawValue: name) else {
            let names = T.allCases.map { "'\($0.rawValue)'" }.joined(separator: ", ")
            throw .invalidValue(path: path(of: key), value: TOMLSerializer.quoted(name), reason: "expected one of \(names)")
        }
        return value
    }

    /// A reader over the sub-table at `key`; its unread keys count in this reader's ``unknownKeys``.
    /// Opening the same key again returns the same reader, so reads through either count.
    public func table(_ key: String) throws(ConfigError) -> ConfigReader? {
        if let opened = children.first(where: { $0.key == key }), opened.readers.count == 1, table[key]?.tableValue != nil {
            return opened.readers[0]
        }
        guard let inner = try typed(key, "a table", { $0.tableValue }) else { return nil }
        let reader = ConfigReader(inner, location: path(of: key))
        children.append((key, [reader]))
        return reader
    }

    /// Readers over the array of tables at `key` (`[[key]]` sections or an array of inline tables).
    /// Opening the same key again returns the same readers.
    public func tables(_ key: String) throws(ConfigError) -> [ConfigReader]? {
        if let opened = children.first(where: { $0.key == key }), table[key]?.arrayValue != nil { return opened.readers }
        guard let elements = try typed(key, "an array of tables", { $0.arrayValue }) else { return nil }
        var readers: [ConfigReader] = []
        for (i, element) in elements.enumerated() {
            guard case .table(let inner) = element else {
                throw .typeMismatch(path: path(of: key) + "[\(i)]", expected: "a table", actual: element.typeName)
            }
            readers.append(ConfigReader(inner, location: path(of: key) + "[\(i)]"))
        }
        children.append((key, readers))
        return readers
    }

    /// Requires a value: `try reader.required(reader.int("rounds"), "rounds")` throws when the key is absent.
    public func required<T>(_ value: T?, _ key: String) throws(ConfigError) -> T {
        guard let value else { throw .missingKey(path: path(of: key)) }
        return value
    }

    /// The full paths of keys in this table and the sub-tables read through it that no accessor asked for,
    /// in document order. A sub-table never opened is reported as one key.
    public var unknownKeys: [String] {
        var result: [String] = []
        for key in table.keys {
            if !consumed.contains(key) {
                result.append(path(of: key))
            } else if let child = children.first(where: { $0.key == key }) {
                for reader in child.readers { result += reader.unknownKeys }
            }
        }
        return result
    }

    /// Throws ``ConfigError/unknownKeys(_:)`` when any key was never read.
    public func finish() throws(ConfigError) {
        let unknown = unknownKeys
        guard unknown.isEmpty else { throw .unknownKeys(unknown) }
    }

    private func typed<T>(_ key: String, _ expected: String, _ extract: (TOMLValue) -> T?) throws(ConfigError) -> T? {
        consumed.insert(key)
        guard let value = table[key] else { return nil }
        guard let result = extract(value) else {
            throw .typeMismatch(path: path(of: key), expected: expected, actual: value.typeName)
        }
        return result
    }

    private func elements<T>(_ key: String, _ expected: String, _ extract: (TOMLValue) -> T?) throws(ConfigError) -> [T]? {
        guard let array = try typed(key, "an array", { $0.arrayValue }) else { return nil }
        var result: [T] = []
        for (i, element) in array.enumerated() {
            guard let value = extract(element) else {
                throw .typeMismatch(path: path(of: key) + "[\(i)]", expected: expected, actual: element.typeName)
            }
            result.append(value)
        }
        return result
    }
}
