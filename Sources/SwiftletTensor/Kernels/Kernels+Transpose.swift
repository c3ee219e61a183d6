extension Kernels {
    /// Writes the transpose of the row-major `rows × columns` matrix `x` into `y` (`columns × rows`).
    ///
    /// Works in 16 × 16 tiles so both the reads and the writes stay within a few cache lines per tile.
    /// Used to lay a weight matrix out once per pass so that many later products can read it in place
    /// instead of re-packing it each time (the LSTM's recurrent weights, multiplied once per time step).
    @inlinable
    public static func transpose(_ x: UnsafePointer<Float>, rows: Int, columns: Int, into y: UnsafeMutablePointer<Float>) {
        var r0 = 0
        while r0 < rows {
            let r1 = r0 + 16 < rows ? r0 + 16 : rows
            var c0 = 0
            while c0 < columns {
                let c1 = c0 + 16 < columns ? c0 + 16 : columns
                for r in r0..<r1 {
                    for c in c0..<c1 { y[c * rows + r] = x[r * columns + c] }
                }
                c0 = c1
            }
            r0 = r1
        }
    }
}
