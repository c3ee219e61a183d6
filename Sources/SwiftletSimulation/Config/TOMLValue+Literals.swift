/// Literal syntax for values, so defaults and tests read like the TOML they stand for:
/// `let defaults: TOMLTable = ["seed": 42, "lr": 0.1, "model": "cnn", "shards": [2, 4]]`.
extension TOMLValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral,
    ExpressibleByBooleanLiteral, ExpressibleByArrayLiteral {
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int64) { self = .integer(value) }
    public init(floatLiteral value: Double) { self = .float(value) }
    public init(booleanLiteral value: Bool) { self = .boolean(value) }
    public init(arrayLiteral elements: TOMLValue...) { self = .array(elements) }
}

extension TOMLTable: CustomStringConvertible {
    /// The table as a TOML document (see ``TOMLSerializer``).
    public var description: String { TOMLSerializer.serialize(self) }
}
