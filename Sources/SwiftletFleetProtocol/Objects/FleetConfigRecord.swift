import SwiftletFederated

/// An ordered config record: Flower keeps insertion order and the order fixes the record's bytes.
public struct FleetConfigRecord: Sendable, Equatable {
    /// The entries in order; keys are unique.
    public var items: [(key: String, value: FleetConfigValue)]

    /// Creates a record from ordered entries.
    public init(_ items: [(key: String, value: FleetConfigValue)] = []) { self.items = items }

    /// A record with Swiftlet's entries in key order (Swiftlet's `ConfigRecord` is unordered).
    public init(_ record: ConfigRecord) {
        items = record.sortedKeys.map { (key: $0, value: FleetConfigValue.value(record.entries[$0]!)) }
    }

    /// Swiftlet's record; unsigned values that fit `Int64` become `.int`, larger ones are an error.
    public func configRecord() throws(ObjectError) -> ConfigRecord {
        var entries: [String: ConfigValue] = [:]
        for (key, value) in items {
            switch value {
            case .value(let v): entries[key] = v
            case .uint(let v):
                guard let i = Int64(exactly: v) else { throw .unrepresentable(reason: "config '\(key)' = \(v) exceeds Int64") }
                entries[key] = .int(i)
            case .uints(let vs):
                var ints: [Int64] = []
                for v in vs {
                    guard let i = Int64(exactly: v) else { throw .unrepresentable(reason: "config '\(key)' holds \(v) > Int64.max") }
                    ints.append(i)
                }
                entries[key] = .ints(ints)
            }
        }
        return ConfigRecord(entries)
    }

    /// The value for `key`.
    public subscript(key: String) -> FleetConfigValue? { items.first { $0.key == key }?.value }

    /// Equal when entries are equal in order.
    public static func == (lhs: FleetConfigRecord, rhs: FleetConfigRecord) -> Bool {
        lhs.items.count == rhs.items.count && zip(lhs.items, rhs.items).allSatisfy { $0.key == $1.key && $0.value == $1.value }
    }
}
