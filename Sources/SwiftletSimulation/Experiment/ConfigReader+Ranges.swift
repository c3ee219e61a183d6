/// Typed reads with a default and an allowed range, so every out-of-range value is reported with its key
/// path and the range it must lie in.
extension ConfigReader {
    /// The integer at `key` (or `fallback` when absent), which must lie in `range`.
    public func int(_ key: String, default fallback: Int, in range: ClosedRange<Int>) throws(ConfigError) -> Int {
        guard let value = try int(key) else { return fallback }
        guard range.contains(value) else {
            throw .invalidValue(path: path(of: key), value: String(value), reason: "must be in \(Self.describe(range))")
        }
        return value
    }

    /// The number at `key` (or `fallback` when absent), which must be finite and satisfy `allowed`, described
    /// for messages as `range` (`"in (0, 1]"`, `"≥ 0"`).
    public func double(_ key: String, default fallback: Double, _ range: String,
                _ allowed: (Double) -> Bool) throws(ConfigError) -> Double {
        guard let value = try double(key) else { return fallback }
        guard value.isFinite, allowed(value) else {
            throw .invalidValue(path: path(of: key), value: TOMLSerializer.inline(.float(value)), reason: "must be \(range)")
        }
        return value
    }

    /// The string at `key` as one of `T`'s cases, or `fallback` when absent.
    public func choice<T: RawRepresentable & CaseIterable>(_ key: String, default fallback: T) throws(ConfigError) -> T
    where T.RawValue == String {
        try choice(key, as: T.self) ?? fallback
    }

    /// An error for `key` holding `value` that is not allowed, saying why.
    public func invalid(_ key: String, _ value: TOMLValue?, _ reason: String) -> ConfigError {
        .invalidValue(path: path(of: key), value: value.map(TOMLSerializer.inline) ?? "(absent)", reason: reason)
    }

    static func describe(_ range: ClosedRange<Int>) -> String {
        range.upperBound == Int.max ? "\(range.lowerBound)...\(Int.max) (≥ \(range.lowerBound))" : "\(range.lowerBound)...\(range.upperBound)"
    }
}
