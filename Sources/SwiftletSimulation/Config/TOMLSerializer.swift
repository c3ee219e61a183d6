/// Writes a ``TOMLTable`` as TOML text that ``TOMLParser`` reads back equal.
///
/// Within each table, plain key/values come first (TOML requires them before any sub-table header), then
/// sub-tables as `[a.b]` sections and arrays of tables as `[[a.b]]` sections, each group in insertion order.
/// Arrays that mix tables with other values, and tables inside arrays, are written inline. Strings are basic
/// strings with `"`, `\` and control characters escaped; floats use Swift's shortest round-trip form.
public enum TOMLSerializer {
    /// The document text for `table`, ending with a newline when not empty.
    public static func serialize(_ table: TOMLTable) -> String {
        var out = ""
        write(table, path: [], into: &out, isArrayElement: false)
        if out.hasPrefix("\n") { out.removeFirst() }
        return out
    }

    private static func write(_ table: TOMLTable, path: [String], into out: inout String, isArrayElement: Bool) {
        if !path.isEmpty {
            let name = path.map(key).joined(separator: ".")
            out += isArrayElement ? "\n[[\(name)]]\n" : "\n[\(name)]\n"
        }
        for (k, value) in table where section(value) == nil {
            out += key(k) + " = " + inline(value) + "\n"
        }
        for (k, value) in table {
            switch section(value) {
            case .table(let inner)?: write(inner, path: path + [k], into: &out, isArrayElement: false)
            case .arrayOfTables(let elements)?:
                for element in elements { write(element, path: path + [k], into: &out, isArrayElement: true) }
            case nil: break
            }
        }
    }

    private enum Section {
        case table(TOMLTable)
        case arrayOfTables([TOMLTable])
    }

    /// Whether `value` is written as a section rather than on a `key = value` line.
    private static func section(_ value: TOMLValue) -> Section? {
        switch value {
        case .table(let t): return .table(t)
        case .array(let elements) where !elements.isEmpty:
            let tables = elements.compactMap(\.tableValue)
            return tables.count == elements.count ? .arrayOfTables(tables) : nil
        default: return nil
        }
    }

    /// A value in inline form: scalars, `[a, b]` arrays and `{ k = v }` tables.
    public static func inline(_ value: TOMLValue) -> String {
        switch value {
        case .string(let s): return quoted(s)
        case .integer(let i): return String(i)
        case .float(let d): return float(d)
        case .boolean(let b): return b ? "true" : "false"
        case .dateTime(let d): return d.description
        case .array(let elements): return "[" + elements.map(inline).joined(separator: ", ") + "]"
        case .table(let t):
            guard !t.isEmpty else { return "{}" }
            return "{ " + t.map { key($0.key) + " = " + inline($0.value) }.joined(separator: ", ") + " }"
        }
    }

    /// A float as TOML: `inf`, `-inf`, `nan`, or Swift's shortest text that reads back to the same bits.
    static func float(_ d: Double) -> String {
        if d.isNaN { return "nan" }
        if d.isInfinite { return d < 0 ? "-inf" : "inf" }
        let text = "\(d)"
        // Swift writes "1e-05" and "5.0"; both are TOML floats, but make sure a '.' or exponent is present.
        return text.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }) ? text : text + ".0"
    }

    /// A key: bare when it is made only of `A-Za-z0-9_-`, a quoted basic string otherwise.
    public static func key(_ k: String) -> String {
        !k.isEmpty && k.utf8.allSatisfy(TOMLParser.isBareKeyByte) ? k : quoted(k)
    }

    /// A basic string with `"`, `\` and control characters escaped.
    public static func quoted(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\u{08}": out += "\\b"
            case "\t": out += "\\t"
            case "\n": out += "\\n"
            case "\u{0C}": out += "\\f"
            case "\r": out += "\\r"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                let hex = String(scalar.value, radix: 16, uppercase: true)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
