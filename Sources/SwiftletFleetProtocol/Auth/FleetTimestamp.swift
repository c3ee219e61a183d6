import Foundation

/// The `flwr-timestamp` text: written as Python's `datetime.now(tz=UTC).isoformat()` writes it, read as
/// Python's `datetime.fromisoformat` reads the forms nodes send.
///
/// Written: `YYYY-MM-DDTHH:MM:SS.ffffff+00:00`, microseconds rounded to the nearest; the fraction is left out
/// when it is zero, exactly as Python does, because the signature covers these bytes.
/// Read: a date, `T`, `t` or a space, `HH[:MM[:SS[.f…]]]` (`,` also separates the fraction; digits past
/// the sixth are dropped), then `Z`, `z` or `±HH[:MM[:SS]]` / `±HHMM`. A time without a zone is refused:
/// Flower's server cannot compare it with its own clock either.
public enum FleetTimestamp {
    /// The timestamp text for `date`.
    public static func string(for date: Date) -> String {
        let micros = Int64((date.timeIntervalSince1970 * 1_000_000).rounded())
        let (days, microsOfDay) = floorDivide(micros, 86_400_000_000)
        let (year, month, day) = civil(fromDays: days)
        let seconds = microsOfDay / 1_000_000, fraction = microsOfDay % 1_000_000
        var text = pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2) + "T"
        text += pad(seconds / 3600, 2) + ":" + pad(seconds / 60 % 60, 2) + ":" + pad(seconds % 60, 2)
        if fraction != 0 { text += "." + pad(fraction, 6) }
        return text + "+00:00"
    }

    /// The instant `text` names, or `nil` when it is not an ISO 8601 time with a zone in the forms above.
    public static func date(from text: String) -> Date? {
        var scanner = DigitScanner(Array(text.utf8))
        guard let year = scanner.number(4), scanner.skip("-"), let month = scanner.number(2), scanner.skip("-"),
              let day = scanner.number(2), (1...12).contains(month), (1...daysIn(month, year)).contains(day),
              scanner.skip("T") || scanner.skip("t") || scanner.skip(" "),
              let hour = scanner.number(2), hour < 24 else { return nil }
        var minute: Int64 = 0, second: Int64 = 0, micros: Int64 = 0
        if scanner.skip(":") {
            guard let value = scanner.number(2), value < 60 else { return nil }
            minute = value
            if scanner.skip(":") {
                guard let value = scanner.number(2), value < 60 else { return nil }
                second = value
                if scanner.skip(".") || scanner.skip(",") {
                    guard let fraction = scanner.fraction() else { return nil }
                    micros = fraction
                }
            }
        }
        let offset: Int64
        if scanner.skip("Z") || scanner.skip("z") {
            offset = 0
        } else if let sign: Int64 = scanner.skip("+") ? 1 : scanner.skip("-") ? -1 : nil {
            guard let hours = scanner.number(2), hours < 24 else { return nil }
            var minutes: Int64 = 0, seconds: Int64 = 0
            let colon = scanner.skip(":")
            if colon || scanner.peekDigit {
                guard let value = scanner.number(2), value < 60 else { return nil }
                minutes = value
                if colon, scanner.skip(":") {
                    guard let value = scanner.number(2), value < 60 else { return nil }
                    seconds = value
                }
            }
            offset = sign * (hours * 3600 + minutes * 60 + seconds)
        } else {
            return nil
        }
        guard scanner.isAtEnd else { return nil }
        let localSeconds = days(fromYear: year, month: month, day: day) * 86_400 + hour * 3600 + minute * 60 + second
        return Date(timeIntervalSince1970: Double(localSeconds - offset) + Double(micros) / 1_000_000)
    }

    private static func pad(_ value: Int64, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    private static func floorDivide(_ a: Int64, _ b: Int64) -> (Int64, Int64) {
        let quotient = a >= 0 ? a / b : -((-a + b - 1) / b)
        return (quotient, a - quotient * b)
    }

    private static func daysIn(_ month: Int64, _ year: Int64) -> Int64 {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (the era-based civil calendar algorithm).
    private static func days(fromYear year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The date of a day count since 1970-01-01 (inverse of ``days(fromYear:month:day:)``).
    private static func civil(fromDays count: Int64) -> (Int64, Int64, Int64) {
        let z = count + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}

/// Reads fixed-width decimal fields and separators from ASCII bytes.
private struct DigitScanner {
    let bytes: [UInt8]
    var offset = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var isAtEnd: Bool { offset == bytes.count }
    var peekDigit: Bool { offset < bytes.count && (0x30...0x39).contains(bytes[offset]) }

    mutating func skip(_ character: Character) -> Bool {
        guard offset < bytes.count, let ascii = character.asciiValue, bytes[offset] == ascii else { return false }
        offset += 1
        return true
    }

    mutating func number(_ width: Int) -> Int64? {
        guard bytes.count - offset >= width else { return nil }
        var value: Int64 = 0
        for byte in bytes[offset..<offset + width] {
            guard (0x30...0x39).contains(byte) else { return nil }
            value = value * 10 + Int64(byte - 0x30)
        }
        offset += width
        return value
    }

    /// One or more fraction digits as microseconds (truncated past six digits).
    mutating func fraction() -> Int64? {
        var micros: Int64 = 0, count = 0
        while peekDigit {
            if count < 6 { micros = micros * 10 + Int64(bytes[offset] - 0x30) }
            count += 1
            offset += 1
        }
        guard count > 0 else { return nil }
        if count < 6 { for _ in count..<6 { micros *= 10 } }
        return micros
    }
}
