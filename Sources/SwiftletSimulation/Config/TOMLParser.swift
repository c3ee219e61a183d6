/// A TOML v1.0.0 parser (https://toml.io/en/v1.0.0): a document's text into a ``TOMLTable``.
///
/// It implements the whole specification: comments, bare/quoted/dotted keys, all four string forms with
/// every escape, integers in four bases, floats with `inf`/`nan`, the four date-time kinds, mixed-type
/// arrays, inline tables, `[tables]` and `[[arrays of tables]]`, and rejects what the spec calls invalid —
/// redefined keys and tables, invalid escapes, leading zeros, integer overflow, bare carriage returns,
/// control characters — with a ``TOMLError`` giving the line and column.
public struct TOMLParser {
    let bytes: [UInt8]
    var pos = 0
    var depth = 0
    let root = TOMLTableNode(origin: .header)
    var current: TOMLTableNode
    /// The path of the table key/values currently go into (the last header, plus the keys of enclosing
    /// inline tables), so messages name keys by their full path.
    var prefix: [String] = []

    /// Arrays and inline tables nested deeper than this are rejected rather than overflowing the stack.
    static let maximumDepth = 256

    private init(bytes: [UInt8]) {
        self.bytes = bytes
        current = root
    }

    /// Parses a TOML document.
    public static func parse(_ text: String) throws(TOMLError) -> TOMLTable {
        var parser = TOMLParser(bytes: Array(text.utf8))
        return try parser.document()
    }

    /// Parses a TOML document from UTF-8 bytes, rejecting invalid UTF-8 (the spec requires valid UTF-8).
    public static func parse(bytes: [UInt8]) throws(TOMLError) -> TOMLTable {
        var parser = TOMLParser(bytes: bytes)
        if String(validating: bytes, as: UTF8.self) == nil {
            var valid = 0
            var decoder = UTF8()
            var iterator = bytes.makeIterator()
            loop: while true {
                switch decoder.decode(&iterator) {
                case .scalarValue(let s): valid += UTF8.width(s)
                case .emptyInput, .error: break loop
                }
            }
            throw parser.error("the document is not valid UTF-8", at: valid)
        }
        return try parser.document()
    }

    // MARK: Document structure

    private mutating func document() throws(TOMLError) -> TOMLTable {
        // A UTF-8 byte order mark carries no meaning; editors on Windows add one.
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { pos = 3 }
        while true {
            skipWhitespace()
            guard let c = peek() else { break }
            switch c {
            case UInt8(ascii: "#"): try skipComment()
            case UInt8(ascii: "\n"), UInt8(ascii: "\r"): try newline()
            case UInt8(ascii: "["):
                try header()
                try lineEnd(after: "the table header")
            default:
                try keyValue(into: current)
                try lineEnd()
            }
        }
        return root.table
    }

    /// `[a.b]` or `[[a.b]]`: finds or creates the table the following key/values go into.
    private mutating func header() throws(TOMLError) {
        let start = pos
        pos += 1
        let isArray = peek() == UInt8(ascii: "[")
        if isArray { pos += 1 }
        skipWhitespace()
        let keyStart = pos
        let key = try dottedKey()
        skipWhitespace()
        try expect("]", isArray ? "']]' to close the array-of-tables header" : "']' to close the table header")
        if isArray { try expect("]", "']]' to close the array-of-tables header") }
        var table = root
        for (i, part) in key.dropLast().enumerated() {
            let path = Self.path(key[...i])
            switch table[part] {
            case nil:
                let node = TOMLTableNode(origin: .implicit)
                table.add(part, .table(node))
                table = node
            case .table(let node): table = node
            case .arrayOfTables(let array): table = array.tables[array.tables.count - 1]
            case .value(let value): throw error(Self.notExtensible(path, value), at: keyStart)
            }
        }
        let last = key[key.count - 1]
        let path = Self.path(key[...])
        let node = TOMLTableNode(origin: .header)
        switch (table[last], isArray) {
        case (nil, false): table.add(last, .table(node))
        case (nil, true):
            let array = TOMLArrayNode()
            array.tables.append(node)
            table.add(last, .arrayOfTables(array))
        case (.arrayOfTables(let array), true): array.tables.append(node)
        case (.table(let existing), false) where existing.origin == .implicit:
            existing.origin = .header
            current = existing
            prefix = key
            return
        case (.table(let existing), false):
            throw error(existing.origin == .dotted ? "table '\(path)' was already defined by dotted keys"
                                                   : "table '\(path)' is defined twice", at: start)
        case (.table, true): throw error("'\(path)' is already a table, it cannot become an array of tables", at: start)
        case (.arrayOfTables, false): throw error("'\(path)' is already an array of tables, it cannot become a table", at: start)
        case (.value(let value), _): throw error("key '\(path)' is already defined as \(Self.article(value.typeName))", at: start)
        }
        current = node
        prefix = key
    }

    /// `key = value`, with the key possibly dotted, into `table`.
    mutating func keyValue(into table: TOMLTableNode) throws(TOMLError) {
        let keyStart = pos
        let key = try dottedKey()
        let outer = prefix
        let full = outer + key
        skipWhitespace()
        try expect("=", "'=' after the key '\(Self.path(full[...]))'")
        skipWhitespace()
        prefix = full
        let value = try self.value()
        prefix = outer
        var target = table
        for (i, part) in key.dropLast().enumerated() {
            let path = Self.path(full[...(outer.count + i)])
            switch target[part] {
            case nil:
                let node = TOMLTableNode(origin: .dotted)
                target.add(part, .table(node))
                target = node
            case .table(let node) where node.origin != .header:
                node.origin = .dotted
                target = node
            case .table:
                throw error("table '\(path)' was defined by a [header]; dotted keys cannot add to it", at: keyStart)
            case .arrayOfTables:
                throw error("'\(path)' is an array of tables; dotted keys cannot add to it", at: keyStart)
            case .value(let value): throw error(Self.notExtensible(path, value), at: keyStart)
            }
        }
        let last = key[key.count - 1]
        guard target[last] == nil else {
            throw error("key '\(Self.path(full[...]))' is defined twice", at: keyStart)
        }
        target.add(last, .value(value))
    }

    private static func notExtensible(_ path: String, _ value: TOMLValue) -> String {
        if case .table = value { return "inline table '\(path)' cannot be extended outside its braces" }
        return "key '\(path)' is \(article(value.typeName)), not a table"
    }

    /// "a string", "an integer": a type name with its article, for messages.
    static func article(_ name: String) -> String {
        (name.first.map { "aeiou".contains($0) } == true ? "an " : "a ") + name
    }

    /// A key path for messages, parts quoted when they are not bare keys.
    static func path(_ parts: ArraySlice<String>) -> String {
        parts.map(TOMLSerializer.key).joined(separator: ".")
    }

    // MARK: Keys

    /// One or more simple keys separated by dots, with optional whitespace around the dots.
    mutating func dottedKey() throws(TOMLError) -> [String] {
        var parts = [try simpleKey()]
        while true {
            let save = pos
            skipWhitespace()
            guard peek() == UInt8(ascii: ".") else { pos = save; return parts }
            pos += 1
            skipWhitespace()
            parts.append(try simpleKey())
        }
    }

    private mutating func simpleKey() throws(TOMLError) -> String {
        switch peek() {
        case UInt8(ascii: "\""):
            if starts(with: "\"\"\"") { throw error("a key cannot be a multi-line string", at: pos) }
            return try basicString()
        case UInt8(ascii: "'"):
            if starts(with: "'''") { throw error("a key cannot be a multi-line string", at: pos) }
            return try literalString()
        default:
            let start = pos
            while let c = peek(), Self.isBareKeyByte(c) { pos += 1 }
            guard pos > start else { throw error("expected a key\(found())", at: pos) }
            return String(decoding: bytes[start..<pos], as: UTF8.self)
        }
    }

    static func isBareKeyByte(_ c: UInt8) -> Bool {
        (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || (c >= 0x30 && c <= 0x39)
            || c == UInt8(ascii: "_") || c == UInt8(ascii: "-")
    }
}
