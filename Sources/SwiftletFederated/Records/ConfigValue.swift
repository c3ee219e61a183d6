/// One typed value of a ``ConfigRecord``: what a strategy can tell a client, as Flower's `ConfigRecord` allows.
public enum ConfigValue: Sendable, Hashable, Codable, CustomStringConvertible {
    case int(Int64)
    case double(Double)
    case bool(Bool)
    case string(String)
    case bytes([UInt8])
    case ints([Int64])
    case doubles([Double])
    case bools([Bool])
    case strings([String])
    case bytesList([[UInt8]])

    /// The type's name, for error messages.
    public var typeName: String {
        switch self {
        case .int: "int"
        case .double: "double"
        case .bool: "bool"
        case .string: "string"
        case .bytes: "bytes"
        case .ints: "[int]"
        case .doubles: "[double]"
        case .bools: "[bool]"
        case .strings: "[string]"
        case .bytesList: "[bytes]"
        }
    }

    public var description: String {
        switch self {
        case .int(let v): "\(v)"
        case .double(let v): "\(v)"
        case .bool(let v): "\(v)"
        case .string(let v): "\"\(v)\""
        case .bytes(let v): "<\(v.count) bytes>"
        case .ints(let v): "\(v)"
        case .doubles(let v): "\(v)"
        case .bools(let v): "\(v)"
        case .strings(let v): "\(v)"
        case .bytesList(let v): "<\(v.count) byte strings>"
        }
    }
}

extension ConfigValue: ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByStringLiteral {
    public init(integerLiteral value: Int64) { self = .int(value) }
    public init(floatLiteral value: Double) { self = .double(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(stringLiteral value: String) { self = .string(value) }
}
