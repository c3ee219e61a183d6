/// The small JSON subset Flower's object bodies use, written exactly as Python's `json.dumps` writes it.
///
/// Python's defaults: `", "` between items, `": "` after keys, every character outside printable ASCII
/// escaped as `\uXXXX` (lowercase hex, surrogate pairs above the BMP). Byte-identical output matters because
/// a body's bytes fix its object id.
public indirect enum FleetJSON: Sendable, Equatable {
    /// A string.
    case string(String)
    /// An integer (Flower's bodies hold no fractions).
    case int(Int64)
    /// An array.
    case array([FleetJSON])
    /// An object with its keys in order.
    case object([(String, FleetJSON)])

    /// Compares values, objects key by key in order.
    public static func == (lhs: FleetJSON, rhs: FleetJSON) -> Bool {
        switch (lhs, rhs) {
        case let (.string(a), .string(b)): a == b
        case let (.int(a), .int(b)): a == b
        case let (.array(a), .array(b)): a == b
        case let (.object(a), .object(b)): a.count == b.count && zip(a, b).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: false
        }
    }

    /// The bytes Python's `json.dumps` produces for this value.
    public var encoded: [UInt8] {
        var out: [UInt8] = []
        write(to: &out)
        return out
    }

    private func write(to out: inout [UInt8]) {
        switch self {
        case .string(let text): Self.writeString(text, to: &out)
        case .int(let value): out.append(contentsOf: Array(String(value).utf8))
        case .array(let items):
            out.append(0x5B)
            for (index, item) in items.enumerated() {
                if index > 0 { out.append(contentsOf: [0x2C, 0x20]) }
                item.write(to: &out)
            }
            out.append(0x5D)
        case .object(let items):
            out.append(0x7B)
            for (index, (key, value)) in items.enumerated() {
                if index > 0 { out.append(contentsOf: [0x2C, 0x20]) }
                Self.writeString(key, to: &out)
                out.append(contentsOf: [0x3A, 0x20])
                value.write(to: &out)
            }
            out.append(0x7D)
        }
    }

    private static func writeString(_ text: String, to out: inout [UInt8]) {
        out.append(0x22)
        for unit in text.utf16 {
            switch unit {
            case 0x22: out.append(contentsOf: [0x5C, 0x22])
            case 0x5C: out.append(contentsOf: [0x5C, 0x5C])
            case 0x0A: out.append(contentsOf: [0x5C, 0x6E])
            case 0x0D: out.append(contentsOf: [0x5C, 0x72])
            case 0x09: out.append(contentsOf: [0x5C, 0x74])
            case 0x08: out.append(contentsOf: [0x5C, 0x62])
            case 0x0C: out.append(contentsOf: [0x5C, 0x66])
            case 0x20...0x7E: out.append(UInt8(unit))
            default:
                let digits = Array("0123456789abcdef".utf8)
                out.append(contentsOf: [0x5C, 0x75])
                for shift in stride(from: 12, through: 0, by: -4) { out.append(digits[Int((unit >> UInt16(shift)) & 0xF)]) }
            }
        }
        out.append(0x22)
    }
}
