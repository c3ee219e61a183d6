/// One value of a ``MetricRecord``: a number or a list of numbers, as Flower's `MetricRecord` allows.
public enum MetricValue: Sendable, Hashable, Codable, CustomStringConvertible {
    case int(Int64)
    case double(Double)
    case ints([Int64])
    case doubles([Double])

    /// The value as one number, when it is a scalar.
    public var scalar: Double? {
        switch self {
        case .int(let v): Double(v)
        case .double(let v): v
        case .ints, .doubles: nil
        }
    }

    public var description: String {
        switch self {
        case .int(let v): "\(v)"
        case .double(let v): "\(v)"
        case .ints(let v): "\(v)"
        case .doubles(let v): "\(v)"
        }
    }
}

extension MetricValue {
    /// Encodes as a bare JSON number or array, so histories read naturally in any JSON tool.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .int(let v): try container.encode(v)
        case .double(let v): try container.encode(v)
        case .ints(let v): try container.encode(v)
        case .doubles(let v): try container.encode(v)
        }
    }

    /// Decodes a number or an array of numbers; integral values become `.int`/`.ints`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let v = try? container.decode(Int64.self) { self = .int(v) }
        else if let v = try? container.decode(Double.self) { self = .double(v) }
        else if let v = try? container.decode([Int64].self) { self = .ints(v) }
        else { self = .doubles(try container.decode([Double].self)) }
    }
}

extension MetricValue: ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral {
    public init(integerLiteral value: Int64) { self = .int(value) }
    public init(floatLiteral value: Double) { self = .double(value) }
}
