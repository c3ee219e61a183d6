/// A TOML table: keys mapped to values, remembering the order in which keys were first defined.
///
/// TOML tables are unordered (spec §Table), so equality ignores order; iteration and the serializer follow
/// insertion order so a resolved config is written back in the order a person wrote it.
public struct TOMLTable: Sendable, Equatable, Sequence, ExpressibleByDictionaryLiteral {
    /// The keys in the order they were first set.
    public private(set) var keys: [String] = []
    private var storage: [String: TOMLValue] = [:]

    /// Creates an empty table.
    public init() {}

    public init(dictionaryLiteral elements: (String, TOMLValue)...) {
        for (key, value) in elements { self[key] = value }
    }

    /// The number of keys.
    public var count: Int { keys.count }

    /// Whether the table has no keys.
    public var isEmpty: Bool { keys.isEmpty }

    /// The value at `key`; setting `nil` removes the key, setting a new key appends it to the order.
    public subscript(key: String) -> TOMLValue? {
        get { storage[key] }
        set {
            if let newValue {
                if storage.updateValue(newValue, forKey: key) == nil { keys.append(key) }
            } else if storage.removeValue(forKey: key) != nil {
                keys.removeAll { $0 == key }
            }
        }
    }

    /// The value at a dotted path of keys (`["devices", "phone", "bandwidth"]`), through nested tables.
    public subscript(path path: [String]) -> TOMLValue? {
        guard let first = path.first, let value = storage[first] else { return nil }
        if path.count == 1 { return value }
        guard case .table(let inner) = value else { return nil }
        return inner[path: Array(path.dropFirst())]
    }

    /// The key/value pairs in insertion order.
    public func makeIterator() -> some IteratorProtocol<(key: String, value: TOMLValue)> {
        var index = 0
        let keys = keys, storage = storage
        return AnyIterator { () -> (key: String, value: TOMLValue)? in
            guard index < keys.count else { return nil }
            defer { index += 1 }
            return (keys[index], storage[keys[index]]!)
        }
    }

    public static func == (lhs: TOMLTable, rhs: TOMLTable) -> Bool {
        lhs.storage == rhs.storage
    }
}
