/// Named measurements a client or the server reports: loss, accuracy, examples seen, time spent, ….
public struct MetricRecord: Sendable, Hashable, Codable, ExpressibleByDictionaryLiteral, CustomStringConvertible {
    /// The entries.
    public var entries: [String: MetricValue]

    /// Creates a record.
    public init(_ entries: [String: MetricValue] = [:]) {
        self.entries = entries
    }

    public init(dictionaryLiteral elements: (String, MetricValue)...) {
        entries = Dictionary(elements, uniquingKeysWith: { _, last in last })
    }

    /// The value for `key`.
    public subscript(key: String) -> MetricValue? {
        get { entries[key] }
        set { entries[key] = newValue }
    }

    /// The scalar value of `key` as a `Double`, or `nil` when absent or a list.
    public func scalar(_ key: String) -> Double? { entries[key]?.scalar }

    /// The keys in sorted order.
    public var sortedKeys: [String] { entries.keys.sorted() }

    /// Encodes as a plain JSON object of metric names to values.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(entries)
    }

    /// Decodes a plain JSON object.
    public init(from decoder: any Decoder) throws {
        entries = try decoder.singleValueContainer().decode([String: MetricValue].self)
    }

    /// `key=value` pairs in key order, such as `accuracy=0.9712, loss=0.0931`.
    public var description: String {
        sortedKeys.map { "\($0)=\(entries[$0]!)" }.joined(separator: ", ")
    }

    /// Whether the record holds no entries.
    public var isEmpty: Bool { entries.isEmpty }
}
