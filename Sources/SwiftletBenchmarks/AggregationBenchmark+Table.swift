/// The printed table of ``AggregationBenchmark``.
extension AggregationBenchmark {
    static let header = pad("what", 14) + pad("threads", 8) + pad("updates", 8) + pad("best s", 10) + pad("median s", 10)
        + pad("GB/s", 8) + pad("of copy", 9)

    /// One measurement as a table row.
    static func row(_ m: AggregationMeasurement) -> String {
        pad(m.name, 14) + pad("\(m.threads)", 8) + pad(m.updates == 0 ? "-" : "\(m.updates)", 8)
            + pad(format(m.bestSeconds, 4), 10) + pad(format(m.medianSeconds, 4), 10)
            + pad(format(m.gigabytesPerSecond, 2), 8)
            + pad(m.ratioToCopy.map { format(100 * $0, 0) + "%" } ?? "-", 9)
    }


    /// Bytes in decimal megabytes, two decimals.
    func megabytes(_ bytes: Int) -> String { Self.format(Double(bytes) / 1e6, 2) }

    /// `x` with `decimals` digits after the point, without Foundation.
    static func format(_ x: Double, _ decimals: Int) -> String {
        guard x.isFinite else { return "\(x)" }
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let scaled = Int((x * scale).rounded())
        let whole = scaled / Int(scale)
        if decimals == 0 { return String(whole) }
        let fraction = String(scaled % Int(scale))
        return "\(whole)." + String(repeating: "0", count: decimals - fraction.count) + fraction
    }

    /// `text` right-aligned in a column of `width` characters.
    static func pad(_ text: String, _ width: Int) -> String {
        String(repeating: " ", count: max(0, width - text.count)) + text
    }
}
