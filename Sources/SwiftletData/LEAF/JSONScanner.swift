/// A forward-only JSON tokenizer over bytes held in memory, for parsers that build their result as they read
/// (no intermediate object tree, so a file costs its bytes plus the values kept).
///
/// Errors are ``LEAFError/Reason/syntax(expected:)`` at the byte offset where the input went wrong.
struct JSONScanner {
    let bytes: [UInt8]
    private(set) var position = 0

    init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    func failure(_ expected: String) -> LEAFError {
        LEAFError(.syntax(expected: expected), offset: position)
    }

    /// The next non-whitespace byte, without consuming it; `nil` at the end.
    mutating func peek() -> UInt8? {
        while position < bytes.count {
            switch bytes[position] {
            case UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "\t"): position += 1
            default: return bytes[position]
            }
        }
        return nil
    }

    /// Consumes `byte` (after whitespace) or fails.
    mutating func expect(_ byte: UInt8) throws(LEAFError) {
        guard peek() == byte else { throw failure("'\(Character(Unicode.Scalar(byte)))'") }
        position += 1
    }

    /// Consumes `byte` if it comes next.
    mutating func consume(_ byte: UInt8) -> Bool {
        guard peek() == byte else { return false }
        position += 1
        return true
    }

    /// Iterates the elements of an array: call with the scanner before `[`; `body` reads one element.
    mutating func array(_ body: (inout JSONScanner) throws(LEAFError) -> Void) throws(LEAFError) {
        try expect(UInt8(ascii: "["))
        if consume(UInt8(ascii: "]")) { return }
        repeat {
            try body(&self)
        } while consume(UInt8(ascii: ","))
        try expect(UInt8(ascii: "]"))
    }

    /// Iterates the members of an object: `body` gets each key and reads its value.
    mutating func object(_ body: (inout JSONScanner, String) throws(LEAFError) -> Void) throws(LEAFError) {
        try expect(UInt8(ascii: "{"))
        if consume(UInt8(ascii: "}")) { return }
        repeat {
            let key = try string()
            try expect(UInt8(ascii: ":"))
            try body(&self, key)
        } while consume(UInt8(ascii: ","))
        try expect(UInt8(ascii: "}"))
    }

    /// Reads a string, decoding escapes (`\n`, `\"`, `\uXXXX` with surrogate pairs).
    mutating func string() throws(LEAFError) -> String {
        guard peek() == UInt8(ascii: "\"") else { throw failure("a string") }
        position += 1
        var utf8: [UInt8] = []
        while position < bytes.count {
            let byte = bytes[position]
            position += 1
            switch byte {
            case UInt8(ascii: "\""):
                return String(decoding: utf8, as: UTF8.self)
            case UInt8(ascii: "\\"):
                guard position < bytes.count else { throw failure("an escape") }
                let escape = bytes[position]
                position += 1
                switch escape {
                case UInt8(ascii: "n"): utf8.append(0x0A)
                case UInt8(ascii: "t"): utf8.append(0x09)
                case UInt8(ascii: "r"): utf8.append(0x0D)
                case UInt8(ascii: "b"): utf8.append(0x08)
                case UInt8(ascii: "f"): utf8.append(0x0C)
                case UInt8(ascii: "u"):
                    var scalar = try hex4()
                    if (0xD800..<0xDC00).contains(scalar), bytes[position...].starts(with: [0x5C, 0x75]) {
                        position += 2
                        let low = try hex4()
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    }
                    utf8.append(contentsOf: String(Character(Unicode.Scalar(scalar) ?? "\u{FFFD}")).utf8)
                default: utf8.append(escape)
                }
            default:
                utf8.append(byte)
            }
        }
        throw failure("the end of a string")
    }

    private mutating func hex4() throws(LEAFError) -> UInt32 {
        guard position + 4 <= bytes.count,
              let value = UInt32(String(decoding: bytes[position..<(position + 4)], as: UTF8.self), radix: 16) else {
            throw failure("four hex digits")
        }
        position += 4
        return value
    }

    /// Reads a number's text (JSON's characters only: sign, digits, point, exponent).
    mutating func numberText() throws(LEAFError) -> String {
        guard let first = peek(), first == UInt8(ascii: "-") || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first) else {
            throw failure("a number")
        }
        let start = position
        while position < bytes.count {
            switch bytes[position] {
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "."),
                 UInt8(ascii: "e"), UInt8(ascii: "E"): position += 1
            default: return String(decoding: bytes[start..<position], as: UTF8.self)
            }
        }
        return String(decoding: bytes[start..<position], as: UTF8.self)
    }

    /// Reads a number as `Float` (correctly rounded from its decimal text), or fails at its offset.
    mutating func float() throws(LEAFError) -> (value: Float, text: String) {
        let start = position
        let text = try numberText()
        guard let value = Float(text) else {
            position = start
            throw failure("a number")
        }
        return (value, text)
    }

    /// Skips one value of any type.
    mutating func skipValue() throws(LEAFError) {
        switch peek() {
        case UInt8(ascii: "{"): try object { (scanner, _) throws(LEAFError) in try scanner.skipValue() }
        case UInt8(ascii: "["): try array { (scanner) throws(LEAFError) in try scanner.skipValue() }
        case UInt8(ascii: "\""): _ = try string()
        case UInt8(ascii: "t"): try literal("true")
        case UInt8(ascii: "f"): try literal("false")
        case UInt8(ascii: "n"): try literal("null")
        default: _ = try numberText()
        }
    }

    private mutating func literal(_ word: String) throws(LEAFError) {
        guard bytes[position...].starts(with: word.utf8) else { throw failure(word) }
        position += word.utf8.count
    }
}
