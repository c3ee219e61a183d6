extension Kernels {
    /// `y[i] += a[0]·x[0][offset + i]`, then `+= a[1]·x[1][offset + i]`, …, for `i` in `0..<n`: `k` saxpys in one pass.
    ///
    /// Each `y[i]` gets exactly the fused multiply–adds that `k` consecutive ``axpy(_:_:_:_:)`` calls would
    /// give it, in the same order, so the result is bit-identical to them. The point is memory traffic: `y`
    /// is read and written once instead of `k` times, and the `k` input streams are read side by side, which
    /// keeps more DRAM requests in flight than one stream. Federated averaging folds a few client updates at
    /// a time into its running sum this way. `offset` lets a caller hand each thread a slice of every input
    /// without building a new pointer table.
    @inlinable
    public static func multiAxpy(
        _ n: Int, _ k: Int, _ a: UnsafePointer<Float>, _ x: UnsafePointer<UnsafePointer<Float>>, offset: Int,
        _ y: UnsafeMutablePointer<Float>
    ) {
        var i = 0
        while i + 16 <= n {
            var yv = UnsafeRawPointer(y + i).loadUnaligned(as: SIMD16<Float>.self)
            var j = 0
            while j < k {
                let xv = UnsafeRawPointer(x[j] + offset + i).loadUnaligned(as: SIMD16<Float>.self)
                yv = yv.addingProduct(xv, SIMD16<Float>(repeating: a[j]))
                j += 1
            }
            UnsafeMutableRawPointer(y + i).storeBytes(of: yv, as: SIMD16<Float>.self)
            i += 16
        }
        while i < n {
            var yi = y[i]
            var j = 0
            while j < k {
                yi = yi.addingProduct(x[j][offset + i], a[j])
                j += 1
            }
            y[i] = yi
            i += 1
        }
    }
}
