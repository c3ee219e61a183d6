/// Short human-readable durations, byte counts, energies and percentages for the terminal: the progress
/// line and the summary table.
///
/// Formatting is done with integer arithmetic (``SVGText/fixed(_:decimals:)``), so it is the same on every
/// platform and locale. Non-finite or negative inputs print as `-`.
public enum UnitFormat {
    /// A duration in the two largest units: `0.4s`, `59s`, `5m 07s`, `1h 04m`, `2d 03h`.
    ///
    /// Under 10 s one decimal is kept (short simulated rounds); otherwise whole seconds, rounded to nearest.
    public static func duration(_ seconds: Double) -> String {
        guard seconds.isFinite, seconds >= 0 else { return "-" }
        if seconds < 9.95 { return SVGText.fixed(seconds, decimals: 1) + "s" }
        guard seconds < 9.0e15 else { return "-" }
        let total = Int64(seconds.rounded())
        let (days, hours, minutes, secs) = (total / 86_400, total / 3_600 % 24, total / 60 % 60, total % 60)
        if total < 60 { return "\(secs)s" }
        if total < 3_600 { return "\(minutes)m \(twoDigits(secs))s" }
        if total < 86_400 { return "\(hours)h \(twoDigits(minutes))m" }
        return "\(days)d \(twoDigits(hours))h"
    }

    /// A byte count in SI units with one decimal above 1 kB: `999 B`, `12.3 kB`, `4.0 MB`, `1.2 GB`, `3.4 TB`.
    public static func bytes(_ count: Double) -> String {
        guard count.isFinite, count >= 0 else { return "-" }
        if count.rounded() < 1_000 { return "\(Int(count.rounded())) B" }
        return scaled(count, units: [(1e3, "kB"), (1e6, "MB"), (1e9, "GB"), (1e12, "TB")])
    }

    /// Joules with one decimal in the unit that fits: `850.0 µJ`, `12.3 mJ`, `4.5 J`, `1.2 kJ`, `3.0 MJ`.
    public static func energy(_ joules: Double) -> String {
        guard joules.isFinite, joules >= 0 else { return "-" }
        if joules == 0 { return "0 J" }
        let units: [(Double, String)] = [(1e-6, "µJ"), (1e-3, "mJ"), (1, "J"), (1e3, "kJ"), (1e6, "MJ")]
        // Below one microjoule, still microjoules (0.1 µJ): the smallest unit is the default.
        return scaled(joules, units: units)
    }

    /// A fraction as a percentage with `decimals` digits: `0.96123` → `96.12%`.
    public static func percent(_ fraction: Double, decimals: Int = 2) -> String {
        guard fraction.isFinite else { return "-" }
        return SVGText.fixed(fraction * 100, decimals: decimals) + "%"
    }

    /// `value` in the largest of `units` (ascending (scale, name) pairs) it reaches after rounding to one
    /// decimal, so 999 960 bytes is `1.0 MB`, not `1000.0 kB`.
    private static func scaled(_ value: Double, units: [(Double, String)]) -> String {
        var chosen = units[0]
        for unit in units where (value / unit.0 * 10).rounded() >= 10 { chosen = unit }
        return SVGText.fixed(value / chosen.0, decimals: 1) + " " + chosen.1
    }

    private static func twoDigits(_ n: Int64) -> String { n < 10 ? "0\(n)" : "\(n)" }
}
