/// A TOML date-time (RFC 3339): an offset date-time, a local date-time, a local date or a local time.
///
/// Which kind it is follows from which parts are present: a date and a time with an offset, a date and a
/// time without one, a date only, or a time only. Fractional seconds are kept to nanoseconds; the spec asks
/// for at least milliseconds and lets parsers truncate further digits.
public struct TOMLDateTime: Sendable, Hashable, CustomStringConvertible {
    /// A calendar date.
    public struct Date: Sendable, Hashable {
        /// The year, 0–9999.
        public var year: Int
        /// The month, 1–12.
        public var month: Int
        /// The day of the month, 1–28…31 depending on month and year.
        public var day: Int
        /// Creates a date (not validated; the parser validates what it reads).
        public init(year: Int, month: Int, day: Int) {
            self.year = year
            self.month = month
            self.day = day
        }
    }

    /// A time of day.
    public struct Time: Sendable, Hashable {
        /// The hour, 0–23.
        public var hour: Int
        /// The minute, 0–59.
        public var minute: Int
        /// The second, 0–60 (60 for a leap second, as RFC 3339 allows).
        public var second: Int
        /// The fraction of the second in nanoseconds, 0–999 999 999.
        public var nanosecond: Int
        /// Creates a time (not validated; the parser validates what it reads).
        public init(hour: Int, minute: Int, second: Int, nanosecond: Int = 0) {
            self.hour = hour
            self.minute = minute
            self.second = second
            self.nanosecond = nanosecond
        }
    }

    /// The date, absent for a local time.
    public var date: Date?
    /// The time, absent for a local date.
    public var time: Time?
    /// The offset from UTC in minutes (`Z` is 0), absent for local date-times, dates and times.
    public var offsetMinutes: Int?

    /// Creates a date-time from its parts.
    public init(date: Date?, time: Time?, offsetMinutes: Int? = nil) {
        self.date = date
        self.time = time
        self.offsetMinutes = offsetMinutes
    }

    /// `offset date-time`, `local date-time`, `local date` or `local time`.
    public var kindName: String {
        if offsetMinutes != nil { return "offset date-time" }
        if date != nil && time != nil { return "local date-time" }
        return date != nil ? "local date" : "local time"
    }

    /// The RFC 3339 text: `1979-05-27T07:32:00.5-07:00`, `Z` for a zero offset, fraction without trailing zeros.
    public var description: String {
        var text = ""
        if let date {
            text += Self.digits(date.year, 4) + "-" + Self.digits(date.month, 2) + "-" + Self.digits(date.day, 2)
        }
        if date != nil, time != nil { text += "T" }
        if let time {
            text += Self.digits(time.hour, 2) + ":" + Self.digits(time.minute, 2) + ":" + Self.digits(time.second, 2)
            if time.nanosecond > 0 {
                var fraction = Self.digits(time.nanosecond, 9)
                while fraction.hasSuffix("0") { fraction.removeLast() }
                text += "." + fraction
            }
        }
        if let offsetMinutes {
            if offsetMinutes == 0 {
                text += "Z"
            } else {
                let magnitude = abs(offsetMinutes)
                text += (offsetMinutes < 0 ? "-" : "+") + Self.digits(magnitude / 60, 2) + ":" + Self.digits(magnitude % 60, 2)
            }
        }
        return text
    }

    private static func digits(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }

    /// The number of days in `month` of `year` in the proleptic Gregorian calendar.
    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}
