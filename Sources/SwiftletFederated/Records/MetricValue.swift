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

extension MetricValue: ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral {
    public init(integerLiteral value: Int64) { self = .int(value) }
    public init(floatLiteral value: Double) { self = .double(value) }
}
