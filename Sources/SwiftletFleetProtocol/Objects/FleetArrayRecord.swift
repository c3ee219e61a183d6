/// An ordered map from names to arrays, like Flower's `ArrayRecord`.
public struct FleetArrayRecord: Sendable, Equatable {
    /// The arrays in order; names are unique.
    public private(set) var items: [(key: String, value: FleetArray)]

    /// Creates an empty record.
    public init() { items = [] }

    /// Creates a record; a repeated key keeps its first position and takes the last value.
    public init(_ items: [(String, FleetArray)]) {
        self.items = []
        for (key, value) in items { self[key] = value }
    }

    /// The names in order.
    public var keys: [String] { items.map(\.key) }

    /// The array named `key`; setting appends a new key or replaces in place.
    public subscript(key: String) -> FleetArray? {
        get { items.first { $0.key == key }?.value }
        set {
            if let index = items.firstIndex(where: { $0.key == key }) {
                if let newValue { items[index].value = newValue } else { items.remove(at: index) }
            } else if let newValue {
                items.append((key, newValue))
            }
        }
    }

    /// Equal when the same names map to equal arrays in the same order.
    public static func == (lhs: FleetArrayRecord, rhs: FleetArrayRecord) -> Bool {
        lhs.items.count == rhs.items.count && zip(lhs.items, rhs.items).allSatisfy { $0.key == $1.key && $0.value == $1.value }
    }
}
