/// Values: dispatch on the first character, arrays and inline tables.
extension TOMLParser {
    /// Any value, starting at the current position.
    mutating func value() throws(TOMLError) -> TOMLValue {
        guard let c = peek() else { throw error("expected a value, found the end of the document", at: pos) }
        switch c {
        case UInt8(ascii: "\""):
            return .string(starts(with: "\"\"\"") ? try multilineBasicString() : try basicString())
        case UInt8(ascii: "'"):
            return .string(starts(with: "'''") ? try multilineLiteralString() : try literalString())
        case UInt8(ascii: "t") where starts(with: "true"):
            pos += 4
            return .boolean(true)
        case UInt8(ascii: "f") where starts(with: "false"):
            pos += 5
            return .boolean(false)
        case UInt8(ascii: "["):
            return try nested { (p: inout TOMLParser) throws(TOMLError) in try p.array() }
        case UInt8(ascii: "{"):
            return try nested { (p: inout TOMLParser) throws(TOMLError) in try p.inlineTable() }
        case UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "i"), UInt8(ascii: "n"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return try numberOrDateTime()
        default:
            throw error("expected a value\(found())", at: pos)
        }
    }

    private mutating func nested(_ body: (inout TOMLParser) throws(TOMLError) -> TOMLValue) throws(TOMLError) -> TOMLValue {
        guard depth < Self.maximumDepth else {
            throw error("arrays and inline tables are nested more than \(Self.maximumDepth) deep", at: pos)
        }
        depth += 1
        defer { depth -= 1 }
        return try body(&self)
    }

    /// `[a, b, …]`: newlines and comments allowed between elements, a trailing comma allowed, types mixed.
    private mutating func array() throws(TOMLError) -> TOMLValue {
        pos += 1
        var elements: [TOMLValue] = []
        while true {
            try skipBlank()
            if peek() == UInt8(ascii: "]") {
                pos += 1
                return .array(elements)
            }
            elements.append(try value())
            try skipBlank()
            switch peek() {
            case UInt8(ascii: ","): pos += 1
            case UInt8(ascii: "]"):
                pos += 1
                return .array(elements)
            default: throw error("expected ',' or ']' in the array\(found())", at: pos)
            }
        }
    }

    /// `{ a = 1, b.c = 2 }`: on one line, no trailing comma, closed to later additions (spec §Inline Table).
    private mutating func inlineTable() throws(TOMLError) -> TOMLValue {
        pos += 1
        let node = TOMLTableNode(origin: .dotted)
        skipWhitespace()
        if peek() == UInt8(ascii: "}") {
            pos += 1
            return .table(node.table)
        }
        while true {
            skipWhitespace()
            try keyValue(into: node)
            skipWhitespace()
            switch peek() {
            case UInt8(ascii: ","):
                pos += 1
                skipWhitespace()
                if peek() == UInt8(ascii: "}") { throw error("an inline table cannot end with a comma", at: pos) }
            case UInt8(ascii: "}"):
                pos += 1
                return .table(node.table)
            default:
                throw error("expected ',' or '}' in the inline table (inline tables stay on one line)\(found())", at: pos)
            }
        }
    }
}
