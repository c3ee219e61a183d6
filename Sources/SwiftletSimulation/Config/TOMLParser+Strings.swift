/// The four string forms: basic `"…"`, literal `'…'`, and their multi-line `"""…"""` / `'''…'''` forms.
extension TOMLParser {
    /// A basic string, escapes decoded; the opening quote is at the current position.
    mutating func basicString() throws(TOMLError) -> String {
        pos += 1
        var text: [UInt8] = []
        while true {
            guard let c = peek() else { throw error("unterminated string", at: pos) }
            switch c {
            case UInt8(ascii: "\""):
                pos += 1
                return String(decoding: text, as: UTF8.self)
            case UInt8(ascii: "\\"): try escape(into: &text)
            case UInt8(ascii: "\n"), UInt8(ascii: "\r"): throw error("newline in a single-line string", at: pos)
            case _ where Self.isControl(c): throw error("control character \(Self.hex(c)) must be escaped", at: pos)
            default:
                text.append(c)
                pos += 1
            }
        }
    }

    /// A literal string, taken as written; the opening quote is at the current position.
    mutating func literalString() throws(TOMLError) -> String {
        pos += 1
        let start = pos
        while true {
            guard let c = peek() else { throw error("unterminated string", at: pos) }
            switch c {
            case UInt8(ascii: "'"):
                pos += 1
                return String(decoding: bytes[start..<pos - 1], as: UTF8.self)
            case UInt8(ascii: "\n"), UInt8(ascii: "\r"): throw error("newline in a single-line string", at: pos)
            case _ where Self.isControl(c): throw error("control character \(Self.hex(c)) in a literal string", at: pos)
            default: pos += 1
            }
        }
    }

    /// A multi-line basic string: a newline right after the opening quotes is trimmed, a backslash at the
    /// end of a line removes the line break and the whitespace that follows, and up to two quotes may
    /// precede the closing three.
    mutating func multilineBasicString() throws(TOMLError) -> String {
        try multiline(quote: UInt8(ascii: "\""), escapes: true)
    }

    /// A multi-line literal string: like the basic one but without escapes.
    mutating func multilineLiteralString() throws(TOMLError) -> String {
        try multiline(quote: UInt8(ascii: "'"), escapes: false)
    }

    private mutating func multiline(quote: UInt8, escapes: Bool) throws(TOMLError) -> String {
        pos += 3
        if peek() == UInt8(ascii: "\n") || peek() == UInt8(ascii: "\r") { try newline() }
        var text: [UInt8] = []
        while true {
            guard let c = peek() else { throw error("unterminated multi-line string", at: pos) }
            switch c {
            case quote:
                var run = 0
                while peek(run) == quote { run += 1 }
                if run >= 3 {
                    guard run <= 5 else { throw error("too many quotes at the end of a multi-line string", at: pos + 5) }
                    text.append(contentsOf: repeatElement(quote, count: run - 3))
                    pos += run
                    return String(decoding: text, as: UTF8.self)
                }
                text.append(contentsOf: repeatElement(quote, count: run))
                pos += run
            case UInt8(ascii: "\\") where escapes:
                if lineEndingBackslash() { continue }
                try escape(into: &text)
            case UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                try newline()
                text.append(UInt8(ascii: "\n"))
            case _ where Self.isControl(c):
                throw error("control character \(Self.hex(c)) must be escaped", at: pos)
            default:
                text.append(c)
                pos += 1
            }
        }
    }

    /// At a backslash: if only whitespace follows it on the line, skips it and all whitespace and newlines
    /// after it and returns true.
    private mutating func lineEndingBackslash() -> Bool {
        var i = pos + 1
        while i < bytes.count && (bytes[i] == 0x20 || bytes[i] == 0x09) { i += 1 }
        guard i < bytes.count, bytes[i] == UInt8(ascii: "\n") || (bytes[i] == UInt8(ascii: "\r") && i + 1 < bytes.count && bytes[i + 1] == UInt8(ascii: "\n")) else {
            return false
        }
        while i < bytes.count, [0x20, 0x09, 0x0A].contains(bytes[i]) || (bytes[i] == 0x0D && i + 1 < bytes.count && bytes[i + 1] == 0x0A) {
            i += 1
        }
        pos = i
        return true
    }

    /// Decodes one escape sequence (`\b \t \n \f \r \" \\ \uXXXX \UXXXXXXXX`) at the current backslash.
    private mutating func escape(into text: inout [UInt8]) throws(TOMLError) {
        let start = pos
        pos += 1
        guard let c = peek() else { throw error("unterminated string", at: pos) }
        pos += 1
        switch c {
        case UInt8(ascii: "b"): text.append(0x08)
        case UInt8(ascii: "t"): text.append(0x09)
        case UInt8(ascii: "n"): text.append(0x0A)
        case UInt8(ascii: "f"): text.append(0x0C)
        case UInt8(ascii: "r"): text.append(0x0D)
        case UInt8(ascii: "\""): text.append(0x22)
        case UInt8(ascii: "\\"): text.append(0x5C)
        case UInt8(ascii: "u"), UInt8(ascii: "U"):
            let count = c == UInt8(ascii: "u") ? 4 : 8
            var code: UInt32 = 0
            for _ in 0..<count {
                guard let d = peek(), let v = Self.hexValue(d) else {
                    throw error("\\\(Character(Unicode.Scalar(c))) needs \(count) hexadecimal digits", at: start)
                }
                code = code << 4 | UInt32(v)
                pos += 1
            }
            guard let scalar = Unicode.Scalar(code) else {
                let digits = String(decoding: bytes[start..<pos], as: UTF8.self)
                throw error("escape \(digits) is not a Unicode scalar value", at: start)
            }
            text.append(contentsOf: String(Character(scalar)).utf8)
        default:
            pos = start
            throw error("invalid escape sequence '\\\(String(decoding: [c], as: UTF8.self))'", at: start)
        }
    }

    static func hexValue(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): c - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): c - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
