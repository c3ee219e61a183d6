/// One TOML v1.0.0 value: a string, integer, float, boolean, date-time, array or table.
///
/// Arrays may mix types (allowed since TOML 1.0). Equality treats two NaN floats as equal, so a document
/// holding `nan` reads back equal to itself after a round trip through ``TOMLSerializer``.
public enum TOMLValue: Sendable, Equatable, CustomStringConvertible {
    /// A string (basic, literal or multi-line in the source).
    case string(String)
    /// A 64-bit signed integer (decimal, hexadecimal, octal or binary in the source).
    case integer(Int64)
    /// A binary64 float, including `inf` and `nan`.
    case float(Double)
    /// `true` or `false`.
    case boolean(Bool)
    /// An offset date-time, local date-time, local date or local time.
    case dateTime(TOMLDateTime)
    /// An array of values of any types.
    case array([TOMLValue])
    /// A table (standard, inline, or an element of an array of tables).
    case table(TOMLTable)

    /// The TOML name of the value's type, for error messages: `string`, `integer`, `float`, `boolean`,
    /// `offset date-time`, `local date-time`, `local date`, `local time`, `array` or `table`.
    public var typeName: String {
        switch self {
        case .string: "string"
        case .integer: "integer"
        case .float: "float"
        case .boolean: "boolean"
        case .dateTime(let d): d.kindName
        case .array: "array"
        case .table: "table"
        }
    }

    /// The value as TOML source text (inline form for tables).
    public var description: String { TOMLSerializer.inline(self) }

    public static func == (lhs: TOMLValue, rhs: TOMLValue) -> Bool {
        switch (lhs, rhs) {
        case let (.string(a), .string(b)): a == b
        case let (.integer(a), .integer(b)): a == b
        case let (.float(a), .float(b)): a == b || (a.isNaN && b.isNaN)
        case let (.boolean(a), .boolean(b)): a == b
        case let (.dateTime(a), .dateTime(b)): a == b
        case let (.array(a), .array(b)): a == b
        case let (.table(a), .table(b)): a == b
        default: false
        }
    }
}

extension TOMLValue {
    /// The string, or `nil` for other types.
    public var stringValue: String? { if case .string(let v) = self { v } else { nil } }
    /// The integer, or `nil` for other types.
    public var integerValue: Int64? { if case .integer(let v) = self { v } else { nil } }
    /// The float, or `nil` for other types (integers are not converted here; readers decide that).
    public var floatValue: Double? { if case .float(let v) = self { v } else { nil } }
    /// The boolean, or `nil` for other types.
    public var booleanValue: Bool? { if case .boolean(let v) = self { v } else { nil } }
    /// The array, or `nil` for other types.
    public var arrayValue: [TOMLValue]? { if case .array(let v) = self { v } else { nil } }
    /// The table, or `nil` for other types.
    public var tableValue: TOMLTable? { if case .table(let v) = self { v } else { nil } }
}
