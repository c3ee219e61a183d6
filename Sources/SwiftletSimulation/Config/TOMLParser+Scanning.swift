/// Byte-level scanning: whitespace, comments, newlines, and error positions.
extension TOMLParser {
    func peek(_ offset: Int = 0) -> UInt8? {
        pos + offset < bytes.count ? bytes[pos + offset] : nil
    }

    func starts(with text: StaticString) -> Bool {
        let count = text.utf8CodeUnitCount
        guard pos + count <= bytes.count else { return false }
        let p = text.utf8Start
        for i in 0..<count where bytes[pos + i] != p[i] { return false }
        return true
    }

    /// Consumes the single ASCII character `c` or throws "expected <what>".
    mutating func expect(_ c: Unicode.Scalar, _ what: String) throws(TOMLError) {
        guard peek() == UInt8(ascii: c) else { throw error("expected \(what)\(found())", at: pos) }
        pos += 1
    }

    /// Skips spaces and tabs, TOML's only whitespace.
    mutating func skipWhitespace() {
        while let c = peek(), c == 0x20 || c == 0x09 { pos += 1 }
    }

    /// Skips a `#` comment up to (not including) the newline; control characters other than tab are invalid.
    mutating func skipComment() throws(TOMLError) {
        pos += 1
        while let c = peek(), c != UInt8(ascii: "\n") {
            if c == UInt8(ascii: "\r") && peek(1) == UInt8(ascii: "\n") { return }
            if Self.isControl(c) { throw error("control character \(Self.hex(c)) in a comment", at: pos) }
            pos += 1
        }
    }

    /// Consumes LF or CRLF; a carriage return on its own is invalid.
    mutating func newline() throws(TOMLError) {
        if peek() == UInt8(ascii: "\n") {
            pos += 1
        } else if peek() == UInt8(ascii: "\r") && peek(1) == UInt8(ascii: "\n") {
            pos += 2
        } else {
            throw error("a carriage return must be followed by a line feed", at: pos)
        }
    }

    /// After a key/value or header: optional whitespace and comment, then a newline or the end.
    mutating func lineEnd(after what: String = "the value") throws(TOMLError) {
        skipWhitespace()
        if peek() == UInt8(ascii: "#") { try skipComment() }
        guard peek() != nil else { return }
        guard peek() == UInt8(ascii: "\n") || peek() == UInt8(ascii: "\r") else {
            throw error("expected a newline after \(what)\(found())", at: pos)
        }
        try newline()
    }

    /// Skips whitespace, newlines and comments, as allowed between array elements.
    mutating func skipBlank() throws(TOMLError) {
        while true {
            skipWhitespace()
            switch peek() {
            case UInt8(ascii: "#"): try skipComment()
            case UInt8(ascii: "\n"), UInt8(ascii: "\r"): try newline()
            default: return
            }
        }
    }

    /// Control characters that may not appear literally (tab is allowed everywhere text is).
    static func isControl(_ c: UInt8) -> Bool {
        (c < 0x20 && c != 0x09) || c == 0x7F
    }

    static func hex(_ c: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return "U+00" + String(digits[Int(c >> 4)]) + String(digits[Int(c & 15)])
    }

    /// ", found 'x'" or ", found the end of the document", for messages.
    func found() -> String {
        guard let c = peek() else { return ", found the end of the document" }
        switch c {
        case UInt8(ascii: "\n"), UInt8(ascii: "\r"): return ", found the end of the line"
        case _ where Self.isControl(c): return ", found \(Self.hex(c))"
        default:
            var end = pos + 1
            while end < bytes.count && bytes[end] & 0xC0 == 0x80 { end += 1 }
            return ", found '\(String(decoding: bytes[pos..<end], as: UTF8.self))'"
        }
    }

    /// An error at byte `offset`, with its 1-based line and column (in Unicode scalars).
    func error(_ message: String, at offset: Int) -> TOMLError {
        var line = 1, column = 1
        for i in 0..<min(offset, bytes.count) {
            if bytes[i] == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else if bytes[i] & 0xC0 != 0x80 {
                column += 1
            }
        }
        return TOMLError(line: line, column: column, message: message)
    }
}
