/// Deterministic text for SVG output: fixed-decimal numbers and XML escaping.
///
/// Charts are compared as exact strings in tests and diffed between runs, so numbers are formatted by
/// integer arithmetic rather than by locale- or platform-dependent formatters.
public enum SVGText {
    /// `value` with exactly `decimals` digits after the point, rounded half away from zero; never "-0".
    public static func fixed(_ value: Double, decimals: Int) -> String {
        guard value.isFinite else { return value.isNaN ? "NaN" : (value < 0 ? "-Infinity" : "Infinity") }
        let decimals = min(max(decimals, 0), 15)
        let scale = power10(decimals)
        let scaled = (abs(value) * scale).rounded()
        guard scaled < 9.0e18 else { return "\(value)" }
        let n = UInt64(scaled)
        let unit = UInt64(scale)
        var text = String(n / unit)
        if decimals > 0 {
            let fraction = String(n % unit)
            text += "." + String(repeating: "0", count: decimals - fraction.count) + fraction
        }
        return (value < 0 && n != 0 ? "-" : "") + text
    }

    /// A coordinate: one decimal, trailing ".0" dropped (`12`, `12.5`).
    public static func coordinate(_ value: Double) -> String {
        let text = fixed(value, decimals: 1)
        return text.hasSuffix(".0") ? String(text.dropLast(2)) : text
    }

    /// Text with `&`, `<`, `>`, `"` and `'` escaped, and characters XML 1.0 forbids (C0 controls other
    /// than tab, line feed and carriage return) removed.
    public static func escaped(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case _ where scalar.value < 0x20 && scalar != "\t" && scalar != "\n" && scalar != "\r": break
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// 10ⁿ for 0 ≤ n ≤ 22, exact in binary64.
    static func power10(_ n: Int) -> Double {
        var result = 1.0
        for _ in 0..<n { result *= 10 }
        return result
    }
}
