import SwiftletFederated

/// An ordered metric record, like Flower's `MetricRecord`.
public struct FleetMetricRecord: Sendable, Equatable {
    /// The entries in order; keys are unique.
    public var items: [(key: String, value: FleetMetricValue)]

    /// Creates a record from ordered entries.
    public init(_ items: [(key: String, value: FleetMetricValue)] = []) { self.items = items }

    /// A record with Swiftlet's entries in key order.
    public init(_ record: MetricRecord) {
        items = record.sortedKeys.map { (key: $0, value: FleetMetricValue.value(record.entries[$0]!)) }
    }

    /// Swiftlet's record; unsigned values above `Int64.max` are an error.
    public func metricRecord() throws(ObjectError) -> MetricRecord {
        var entries: [String: MetricValue] = [:]
        for (key, value) in items {
            switch value {
            case .value(let v): entries[key] = v
            case .uint(let v):
                guard let i = Int64(exactly: v) else { throw .unrepresentable(reason: "metric '\(key)' = \(v) exceeds Int64") }
                entries[key] = .int(i)
            case .uints(let vs):
                var ints: [Int64] = []
                for v in vs {
                    guard let i = Int64(exactly: v) else { throw .unrepresentable(reason: "metric '\(key)' holds \(v) > Int64.max") }
                    ints.append(i)
                }
                entries[key] = .ints(ints)
            }
        }
        return MetricRecord(entries)
    }

    /// The value for `key`.
    public subscript(key: String) -> FleetMetricValue? { items.first { $0.key == key }?.value }

    /// Equal when entries are equal in order.
    public static func == (lhs: FleetMetricRecord, rhs: FleetMetricRecord) -> Bool {
        lhs.items.count == rhs.items.count && zip(lhs.items, rhs.items).allSatisfy { $0.key == $1.key && $0.value == $1.value }
    }
}
