/// Integers, floats and date-times: everything that starts with a digit, a sign, `inf` or `nan`.
extension TOMLParser {
    mutating func numberOrDateTime() throws(TOMLError) -> TOMLValue {
        if digits(at: pos, 4) && peek(4) == UInt8(ascii: "-") { return .dateTime(try dateTime()) }
        if digits(at: pos, 2) && peek(2) == UInt8(ascii: ":") {
            return .dateTime(TOMLDateTime(date: nil, time: try time()))
        }
        let start = pos
        while let c = peek(), Self.isBareKeyByte(c) || c == UInt8(ascii: "+") || c == UInt8(ascii: ".") { pos += 1 }
        let token = Array(bytes[start..<pos])
        return try number(token, at: start)
    }

    private func number(_ token: [UInt8], at start: Int) throws(TOMLError) -> TOMLValue {
        let text = String(decoding: token, as: UTF8.self)
        switch text {
        case "inf", "+inf": return .float(.infinity)
        case "-inf": return .float(-.infinity)
        case "nan", "+nan", "-nan": return .float(.nan)
        default: break
        }
        if token.count > 2, token[0] == UInt8(ascii: "0"), let radix = Self.radix(token[1]) {
            return .integer(try radixInteger(token.dropFirst(2), radix: radix, text: text, at: start))
        }
        var i = 0
        if token.first == UInt8(ascii: "+") || token.first == UInt8(ascii: "-") { i += 1 }
        let integerStart = i
        guard Self.digitRun(token, &i) else { throw error("invalid number '\(text)'", at: start) }
        if i - integerStart > 1 && token[integerStart] == UInt8(ascii: "0") {
            throw error("leading zeros are not allowed in '\(text)'", at: start)
        }
        var isFloat = false
        if i < token.count && token[i] == UInt8(ascii: ".") {
            i += 1
            isFloat = true
            guard Self.digitRun(token, &i) else { throw error("a decimal point needs digits on both sides in '\(text)'", at: start) }
        }
        if i < token.count && (token[i] == UInt8(ascii: "e") || token[i] == UInt8(ascii: "E")) {
            i += 1
            isFloat = true
            if i < token.count && (token[i] == UInt8(ascii: "+") || token[i] == UInt8(ascii: "-")) { i += 1 }
            guard Self.digitRun(token, &i) else { throw error("invalid exponent in '\(text)'", at: start) }
        }
        guard i == token.count else { throw error("invalid number '\(text)'", at: start) }
        let cleaned = String(decoding: token.filter { $0 != UInt8(ascii: "_") }, as: UTF8.self)
        if isFloat {
            guard let value = Double(cleaned), value.isFinite else {
                throw error("float '\(text)' is out of the range of a 64-bit float", at: start)
            }
            return .float(value)
        }
        guard let value = Int64(cleaned) else { throw error("integer '\(text)' does not fit in 64 bits", at: start) }
        return .integer(value)
    }

    private static func radix(_ c: UInt8) -> UInt64? {
        switch c {
        case UInt8(ascii: "x"): 16
        case UInt8(ascii: "o"): 8
        case UInt8(ascii: "b"): 2
        default: nil
        }
    }

    /// Digits in `radix` with single underscores between them, no sign; must fit in `Int64`.
    private func radixInteger(_ digits: ArraySlice<UInt8>, radix: UInt64, text: String, at start: Int) throws(TOMLError) -> Int64 {
        var value: UInt64 = 0
        var previousWasDigit = false
        for c in digits {
            if c == UInt8(ascii: "_") {
                guard previousWasDigit else { throw error("misplaced underscore in '\(text)'", at: start) }
                previousWasDigit = false
                continue
            }
            guard let d = Self.hexValue(c), UInt64(d) < radix else {
                throw error("invalid digit in '\(text)'", at: start)
            }
            let (shifted, o1) = value.multipliedReportingOverflow(by: radix)
            let (sum, o2) = shifted.addingReportingOverflow(UInt64(d))
            guard !o1, !o2, sum <= UInt64(Int64.max) else { throw error("integer '\(text)' does not fit in 64 bits", at: start) }
            value = sum
            previousWasDigit = true
        }
        guard previousWasDigit else { throw error("misplaced underscore in '\(text)'", at: start) }
        return Int64(value)
    }

    /// Decimal digits where each underscore sits between two digits; false when empty or misplaced.
    private static func digitRun(_ token: [UInt8], _ i: inout Int) -> Bool {
        var previousWasDigit = false
        while i < token.count {
            let c = token[i]
            if c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") {
                previousWasDigit = true
            } else if c == UInt8(ascii: "_") && previousWasDigit && i + 1 < token.count
                        && token[i + 1] >= UInt8(ascii: "0") && token[i + 1] <= UInt8(ascii: "9") {
                previousWasDigit = false
            } else {
                break
            }
            i += 1
        }
        return previousWasDigit
    }

    // MARK: Date-times (RFC 3339)

    private func digits(at offset: Int, _ count: Int) -> Bool {
        guard offset + count <= bytes.count else { return false }
        return bytes[offset..<offset + count].allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
    }

    private mutating func number(digits count: Int, _ what: String) throws(TOMLError) -> Int {
        guard digits(at: pos, count) else { throw error("expected \(count) digits for the \(what)\(found())", at: pos) }
        var value = 0
        for _ in 0..<count {
            value = value * 10 + Int(bytes[pos] - UInt8(ascii: "0"))
            pos += 1
        }
        return value
    }

    /// `YYYY-MM-DD`, then optionally `T`/`t`/space, a time and an offset.
    private mutating func dateTime() throws(TOMLError) -> TOMLDateTime {
        let start = pos
        let year = try number(digits: 4, "year")
        try expect("-", "'-' in the date")
        let month = try number(digits: 2, "month")
        try expect("-", "'-' in the date")
        let day = try number(digits: 2, "day")
        guard (1...12).contains(month), (1...TOMLDateTime.daysIn(month: month, year: year)).contains(day) else {
            throw error("invalid date \(String(decoding: bytes[start..<pos], as: UTF8.self))", at: start)
        }
        let date = TOMLDateTime.Date(year: year, month: month, day: day)
        let separator = peek()
        let hasTime = separator == UInt8(ascii: "T") || separator == UInt8(ascii: "t")
            || (separator == UInt8(ascii: " ") && digits(at: pos + 1, 2) && peek(3) == UInt8(ascii: ":"))
        guard hasTime else { return TOMLDateTime(date: date, time: nil) }
        pos += 1
        let time = try time()
        var offset: Int?
        switch peek() {
        case UInt8(ascii: "Z"), UInt8(ascii: "z"):
            pos += 1
            offset = 0
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            let offsetStart = pos
            let sign = peek() == UInt8(ascii: "-") ? -1 : 1
            pos += 1
            let hours = try number(digits: 2, "offset hour")
            try expect(":", "':' in the offset")
            let minutes = try number(digits: 2, "offset minute")
            guard hours < 24, minutes < 60 else { throw error("invalid offset", at: offsetStart) }
            offset = sign * (hours * 60 + minutes)
        default: break
        }
        return TOMLDateTime(date: date, time: time, offsetMinutes: offset)
    }

    /// `HH:MM:SS` with an optional fraction (seconds are required in TOML 1.0).
    private mutating func time() throws(TOMLError) -> TOMLDateTime.Time {
        let start = pos
        let hour = try number(digits: 2, "hour")
        try expect(":", "':' in the time")
        let minute = try number(digits: 2, "minute")
        try expect(":", "':' and seconds in the time")
        let second = try number(digits: 2, "second")
        guard hour < 24, minute < 60, second <= 60 else {
            throw error("invalid time \(String(decoding: bytes[start..<pos], as: UTF8.self))", at: start)
        }
        var nanosecond = 0
        if peek() == UInt8(ascii: ".") {
            pos += 1
            guard digits(at: pos, 1) else { throw error("expected digits after the decimal point in the time", at: pos) }
            var scale = 100_000_000
            while digits(at: pos, 1) {
                nanosecond += Int(bytes[pos] - UInt8(ascii: "0")) * scale
                scale /= 10
                pos += 1
            }
        }
        return TOMLDateTime.Time(hour: hour, minute: minute, second: second, nanosecond: nanosecond)
    }
}
