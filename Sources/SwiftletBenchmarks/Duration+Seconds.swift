extension Duration {
    /// The duration in seconds, as the benchmarks report times.
    var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) * 1e-18
    }
}
