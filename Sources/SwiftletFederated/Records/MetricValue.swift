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

extension MetricValue {
    /// Whether both denote the same number or list of numbers, whether stored as integers or doubles.
    ///
    /// JSON has one kind of number, so `.double(1)` is written as `1` and read back as `.int(1)`; comparing
    /// by value keeps a record equal to itself across its own export.
    public static func == (lhs: MetricValue, rhs: MetricValue) -> Bool {
        switch (lhs, rhs) {
        case let (.int(a), .int(b)): a == b
        case let (.double(a), .double(b)): a == b
        case let (.int(a), .double(b)), let (.double(b), .int(a)): Int64(exactly: b) == a
        case let (.ints(a), .ints(b)): a == b
        case let (.doubles(a), .doubles(b)): a == b
        case let (.ints(a), .doubles(b)), let (.doubles(b), .ints(a)):
            a.count == b.count && zip(a, b).allSatisfy { Int64(exactly: $1) == $0 }
        default: false
        }
    }

    /// Hashes numbers as doubles, so values that compare equal across `.int` and `.double` hash alike.
    public func hash(into hasher: inout Hasher) {
        switch self {
        case .int(let v): hasher.combine(Double(v))
        case .double(let v): hasher.combine(v)
        case .ints(let v):
            hasher.combine(v.count)
            for element in v { hasher.combine(Double(element)) }
        case .doubles(let v):
            hasher.combine(v.count)
            for element in v { hasher.combine(element) }
        }
    }
}

extension MetricValue: ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral {
    public init(integerLiteral value: Int64) { self = .int(value) }
    public init(floatLiteral value: Double) { self = .double(value) }
}
