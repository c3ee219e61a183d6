extension FleetJSON {
    /// Parses a JSON text of strings, integers, arrays and objects; floats, booleans and null are rejected.
    ///
    /// Accepts any whitespace and escapes JSON allows, so bodies written by other JSON encoders are read too.
    /// Nesting deeper than `maxDepth` is rejected rather than recursed into.
    public static func parse(_ bytes: [UInt8], maxDepth: Int = 16) throws(FleetJSONError) -> FleetJSON {
        var parser = Parser(bytes: bytes, maxDepth: maxDepth)
        let value = try parser.value(depth: 0)
        parser.skipSpace()
        guard parser.index == bytes.count else { throw FleetJSONError(offset: parser.index, reason: "trailing bytes") }
        return value
    }

    private struct Parser {
        let bytes: [UInt8]
        let maxDepth: Int
        var index = 0

        init(bytes: [UInt8], maxDepth: Int) {
            self.bytes = bytes
            self.maxDepth = maxDepth
        }

        mutating func skipSpace() {
            while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
        }

        func fail(_ reason: String) -> FleetJSONError { FleetJSONError(offset: index, reason: reason) }

        mutating func expect(_ byte: UInt8) throws(FleetJSONError) {
            skipSpace()
            guard index < bytes.count, bytes[index] == byte else {
                throw fail("expected '\(String(UnicodeScalar(byte)))'")
            }
            index += 1
        }

        mutating func value(depth: Int) throws(FleetJSONError) -> FleetJSON {
            guard depth <= maxDepth else { throw fail("nesting deeper than \(maxDepth)") }
            skipSpace()
            guard index < bytes.count else { throw fail("unexpected end") }
            switch bytes[index] {
            case 0x22: return .string(try string())
            case 0x5B:
                index += 1
                var items: [FleetJSON] = []
                skipSpace()
                if index < bytes.count, bytes[index] == 0x5D { index += 1; return .array(items) }
                while true {
                    items.append(try value(depth: depth + 1))
                    skipSpace()
                    guard index < bytes.count else { throw fail("unterminated array") }
                    if bytes[index] == 0x5D { index += 1; return .array(items) }
                    try expect(0x2C)
                }
            case 0x7B:
                index += 1
                var items: [(String, FleetJSON)] = []
                skipSpace()
                if index < bytes.count, bytes[index] == 0x7D { index += 1; return .object(items) }
                while true {
                    skipSpace()
                    guard index < bytes.count, bytes[index] == 0x22 else { throw fail("expected a key") }
                    let key = try string()
                    guard !items.contains(where: { $0.0 == key }) else { throw fail("duplicate key '\(key)'") }
                    try expect(0x3A)
                    items.append((key, try value(depth: depth + 1)))
                    skipSpace()
                    guard index < bytes.count else { throw fail("unterminated object") }
                    if bytes[index] == 0x7D { index += 1; return .object(items) }
                    try expect(0x2C)
                }
            case 0x2D, 0x30...0x39: return .int(try integer())
            default: throw fail("unsupported value")
            }
        }

        mutating func integer() throws(FleetJSONError) -> Int64 {
            let start = index
            if bytes[index] == 0x2D { index += 1 }
            let digitsStart = index
            while index < bytes.count, (0x30...0x39).contains(bytes[index]) { index += 1 }
            guard index > digitsStart else { throw fail("bad number") }
            if index < bytes.count, [0x2E, 0x65, 0x45].contains(bytes[index]) { throw fail("fractions are not allowed") }
            guard index - digitsStart == 1 || bytes[digitsStart] != 0x30,
                  let value = Int64(String(decoding: bytes[start..<index], as: UTF8.self)) else {
                throw fail("bad or out-of-range integer")
            }
            return value
        }

        mutating func hex4() throws(FleetJSONError) -> UInt16 {
            guard index + 4 <= bytes.count,
                  let value = UInt16(String(decoding: bytes[index..<(index + 4)], as: UTF8.self), radix: 16) else {
                throw fail("bad \\u escape")
            }
            index += 4
            return value
        }

        mutating func string() throws(FleetJSONError) -> String {
            index += 1
            var units: [UInt16] = []
            var raw: [UInt8] = []
            func flush() -> Bool {
                guard let text = String(validating: raw, as: UTF8.self) else { return false }
                units.append(contentsOf: text.utf16)
                raw.removeAll()
                return true
            }
            while true {
                guard index < bytes.count else { throw fail("unterminated string") }
                let byte = bytes[index]
                index += 1
                switch byte {
                case 0x22:
                    guard flush() else { throw fail("invalid UTF-8 in string") }
                    guard let text = String(validating: units, as: UTF16.self) else { throw fail("unpaired surrogate") }
                    return text
                case 0x5C:
                    guard flush() else { throw fail("invalid UTF-8 in string") }
                    guard index < bytes.count else { throw fail("unterminated escape") }
                    let escape = bytes[index]
                    index += 1
                    switch escape {
                    case 0x22: units.append(0x22)
                    case 0x5C: units.append(0x5C)
                    case 0x2F: units.append(0x2F)
                    case 0x62: units.append(0x08)
                    case 0x66: units.append(0x0C)
                    case 0x6E: units.append(0x0A)
                    case 0x72: units.append(0x0D)
                    case 0x74: units.append(0x09)
                    case 0x75: units.append(try hex4())
                    default: throw fail("bad escape")
                    }
                case 0x00..<0x20: throw fail("control character in string")
                default: raw.append(byte)
                }
            }
        }
    }
}
