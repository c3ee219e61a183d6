// Narrow (16-column) micro-kernels for `Kernels.gemm`: right-edge panels of at most 16 columns would waste
// half of a 32-wide tile. Same contract as the 32-wide kernels in Kernels+GEMMMicroKernel.swift; `b` still
// points into a 32-wide packed panel (or at unpacked B), of which only the first 16 columns are read.

extension Kernels {
    /// The 12×16 micro-kernel: `out[r][j] = Σ_p a[p·12 + r] · b[p·ldb + j]`, one fused chain per element.
    ///
    /// `a` is a packed sliver (12 floats per step of p); `b` holds 16 contiguous floats per step, `ldb` apart.
    /// Only the first `valid` rows of `load` and `out` are touched (the sliver's other rows are zero padding).
    /// Accumulators start at zero, or at the partial sums in `load` (row stride `ldLoad`) when it is non-nil,
    /// so a chain continues across K blocks. With `final` false the sums are stored raw to `out`; with it
    /// true they are finished as `alpha · s + beta · out` (``Kernels/gemmFinish(_:_:alpha:beta:)``).
    @inline(never)
    static func gemmKernel12x16(
        k: Int, a: UnsafePointer<Float>, b: UnsafePointer<Float>, ldb: Int,
        load: UnsafePointer<Float>?, ldLoad: Int,
        out: UnsafeMutablePointer<Float>, ldOut: Int, valid: Int, final: Bool, alpha: Float, beta: Float
    ) {
        var c0a = SIMD16<Float>()
        var c1a = SIMD16<Float>()
        var c2a = SIMD16<Float>()
        var c3a = SIMD16<Float>()
        var c4a = SIMD16<Float>()
        var c5a = SIMD16<Float>()
        var c6a = SIMD16<Float>()
        var c7a = SIMD16<Float>()
        var c8a = SIMD16<Float>()
        var c9a = SIMD16<Float>()
        var c10a = SIMD16<Float>()
        var c11a = SIMD16<Float>()
        if let load {
            c0a = gemmLoad(load + 0 * ldLoad)
            if valid > 1 { c1a = gemmLoad(load + 1 * ldLoad) }
            if valid > 2 { c2a = gemmLoad(load + 2 * ldLoad) }
            if valid > 3 { c3a = gemmLoad(load + 3 * ldLoad) }
            if valid > 4 { c4a = gemmLoad(load + 4 * ldLoad) }
            if valid > 5 { c5a = gemmLoad(load + 5 * ldLoad) }
            if valid > 6 { c6a = gemmLoad(load + 6 * ldLoad) }
            if valid > 7 { c7a = gemmLoad(load + 7 * ldLoad) }
            if valid > 8 { c8a = gemmLoad(load + 8 * ldLoad) }
            if valid > 9 { c9a = gemmLoad(load + 9 * ldLoad) }
            if valid > 10 { c10a = gemmLoad(load + 10 * ldLoad) }
            if valid > 11 { c11a = gemmLoad(load + 11 * ldLoad) }
        }
        var ap = a
        var bp = b
        var p = 0
        while p < k {
            let b0 = gemmLoad(bp)
            let a0 = SIMD16<Float>(repeating: ap[0])
            c0a = c0a.addingProduct(a0, b0)
            let a1 = SIMD16<Float>(repeating: ap[1])
            c1a = c1a.addingProduct(a1, b0)
            let a2 = SIMD16<Float>(repeating: ap[2])
            c2a = c2a.addingProduct(a2, b0)
            let a3 = SIMD16<Float>(repeating: ap[3])
            c3a = c3a.addingProduct(a3, b0)
            let a4 = SIMD16<Float>(repeating: ap[4])
            c4a = c4a.addingProduct(a4, b0)
            let a5 = SIMD16<Float>(repeating: ap[5])
            c5a = c5a.addingProduct(a5, b0)
            let a6 = SIMD16<Float>(repeating: ap[6])
            c6a = c6a.addingProduct(a6, b0)
            let a7 = SIMD16<Float>(repeating: ap[7])
            c7a = c7a.addingProduct(a7, b0)
            let a8 = SIMD16<Float>(repeating: ap[8])
            c8a = c8a.addingProduct(a8, b0)
            let a9 = SIMD16<Float>(repeating: ap[9])
            c9a = c9a.addingProduct(a9, b0)
            let a10 = SIMD16<Float>(repeating: ap[10])
            c10a = c10a.addingProduct(a10, b0)
            let a11 = SIMD16<Float>(repeating: ap[11])
            c11a = c11a.addingProduct(a11, b0)
            ap += 12
            bp += ldb
            p += 1
        }
        if final {
            gemmStoreFinal(c0a, out + 0 * ldOut, alpha: alpha, beta: beta)
            if valid == 1 { return }
            gemmStoreFinal(c1a, out + 1 * ldOut, alpha: alpha, beta: beta)
            if valid == 2 { return }
            gemmStoreFinal(c2a, out + 2 * ldOut, alpha: alpha, beta: beta)
            if valid == 3 { return }
            gemmStoreFinal(c3a, out + 3 * ldOut, alpha: alpha, beta: beta)
            if valid == 4 { return }
            gemmStoreFinal(c4a, out + 4 * ldOut, alpha: alpha, beta: beta)
            if valid == 5 { return }
            gemmStoreFinal(c5a, out + 5 * ldOut, alpha: alpha, beta: beta)
            if valid == 6 { return }
            gemmStoreFinal(c6a, out + 6 * ldOut, alpha: alpha, beta: beta)
            if valid == 7 { return }
            gemmStoreFinal(c7a, out + 7 * ldOut, alpha: alpha, beta: beta)
            if valid == 8 { return }
            gemmStoreFinal(c8a, out + 8 * ldOut, alpha: alpha, beta: beta)
            if valid == 9 { return }
            gemmStoreFinal(c9a, out + 9 * ldOut, alpha: alpha, beta: beta)
            if valid == 10 { return }
            gemmStoreFinal(c10a, out + 10 * ldOut, alpha: alpha, beta: beta)
            if valid == 11 { return }
            gemmStoreFinal(c11a, out + 11 * ldOut, alpha: alpha, beta: beta)
        } else {
            gemmStore(c0a, out + 0 * ldOut)
            if valid == 1 { return }
            gemmStore(c1a, out + 1 * ldOut)
            if valid == 2 { return }
            gemmStore(c2a, out + 2 * ldOut)
            if valid == 3 { return }
            gemmStore(c3a, out + 3 * ldOut)
            if valid == 4 { return }
            gemmStore(c4a, out + 4 * ldOut)
            if valid == 5 { return }
            gemmStore(c5a, out + 5 * ldOut)
            if valid == 6 { return }
            gemmStore(c6a, out + 6 * ldOut)
            if valid == 7 { return }
            gemmStore(c7a, out + 7 * ldOut)
            if valid == 8 { return }
            gemmStore(c8a, out + 8 * ldOut)
            if valid == 9 { return }
            gemmStore(c9a, out + 9 * ldOut)
            if valid == 10 { return }
            gemmStore(c10a, out + 10 * ldOut)
            if valid == 11 { return }
            gemmStore(c11a, out + 11 * ldOut)
        }
    }

    /// The 8×16 micro-kernel: `out[r][j] = Σ_p a[p·8 + r] · b[p·ldb + j]`, one fused chain per element.
    ///
    /// `a` is a packed sliver (8 floats per step of p); `b` holds 16 contiguous floats per step, `ldb` apart.
    /// Only the first `valid` rows of `load` and `out` are touched (the sliver's other rows are zero padding).
    /// Accumulators start at zero, or at the partial sums in `load` (row stride `ldLoad`) when it is non-nil,
    /// so a chain continues across K blocks. With `final` false the sums are stored raw to `out`; with it
    /// true they are finished as `alpha · s + beta · out` (``Kernels/gemmFinish(_:_:alpha:beta:)``).
    @inline(never)
    static func gemmKernel8x16(
        k: Int, a: UnsafePointer<Float>, b: UnsafePointer<Float>, ldb: Int,
        load: UnsafePointer<Float>?, ldLoad: Int,
        out: UnsafeMutablePointer<Float>, ldOut: Int, valid: Int, final: Bool, alpha: Float, beta: Float
    ) {
        var c0a = SIMD16<Float>()
        var c1a = SIMD16<Float>()
        var c2a = SIMD16<Float>()
        var c3a = SIMD16<Float>()
        var c4a = SIMD16<Float>()
        var c5a = SIMD16<Float>()
        var c6a = SIMD16<Float>()
        var c7a = SIMD16<Float>()
        if let load {
            c0a = gemmLoad(load + 0 * ldLoad)
            if valid > 1 { c1a = gemmLoad(load + 1 * ldLoad) }
            if valid > 2 { c2a = gemmLoad(load + 2 * ldLoad) }
            if valid > 3 { c3a = gemmLoad(load + 3 * ldLoad) }
            if valid > 4 { c4a = gemmLoad(load + 4 * ldLoad) }
            if valid > 5 { c5a = gemmLoad(load + 5 * ldLoad) }
            if valid > 6 { c6a = gemmLoad(load + 6 * ldLoad) }
            if valid > 7 { c7a = gemmLoad(load + 7 * ldLoad) }
        }
        var ap = a
        var bp = b
        var p = 0
        while p < k {
            let b0 = gemmLoad(bp)
            let a0 = SIMD16<Float>(repeating: ap[0])
            c0a = c0a.addingProduct(a0, b0)
            let a1 = SIMD16<Float>(repeating: ap[1])
            c1a = c1a.addingProduct(a1, b0)
            let a2 = SIMD16<Float>(repeating: ap[2])
            c2a = c2a.addingProduct(a2, b0)
            let a3 = SIMD16<Float>(repeating: ap[3])
            c3a = c3a.addingProduct(a3, b0)
            let a4 = SIMD16<Float>(repeating: ap[4])
            c4a = c4a.addingProduct(a4, b0)
            let a5 = SIMD16<Float>(repeating: ap[5])
            c5a = c5a.addingProduct(a5, b0)
            let a6 = SIMD16<Float>(repeating: ap[6])
            c6a = c6a.addingProduct(a6, b0)
            let a7 = SIMD16<Float>(repeating: ap[7])
            c7a = c7a.addingProduct(a7, b0)
            ap += 8
            bp += ldb
            p += 1
        }
        if final {
            gemmStoreFinal(c0a, out + 0 * ldOut, alpha: alpha, beta: beta)
            if valid == 1 { return }
            gemmStoreFinal(c1a, out + 1 * ldOut, alpha: alpha, beta: beta)
            if valid == 2 { return }
            gemmStoreFinal(c2a, out + 2 * ldOut, alpha: alpha, beta: beta)
            if valid == 3 { return }
            gemmStoreFinal(c3a, out + 3 * ldOut, alpha: alpha, beta: beta)
            if valid == 4 { return }
            gemmStoreFinal(c4a, out + 4 * ldOut, alpha: alpha, beta: beta)
            if valid == 5 { return }
            gemmStoreFinal(c5a, out + 5 * ldOut, alpha: alpha, beta: beta)
            if valid == 6 { return }
            gemmStoreFinal(c6a, out + 6 * ldOut, alpha: alpha, beta: beta)
            if valid == 7 { return }
            gemmStoreFinal(c7a, out + 7 * ldOut, alpha: alpha, beta: beta)
        } else {
            gemmStore(c0a, out + 0 * ldOut)
            if valid == 1 { return }
            gemmStore(c1a, out + 1 * ldOut)
            if valid == 2 { return }
            gemmStore(c2a, out + 2 * ldOut)
            if valid == 3 { return }
            gemmStore(c3a, out + 3 * ldOut)
            if valid == 4 { return }
            gemmStore(c4a, out + 4 * ldOut)
            if valid == 5 { return }
            gemmStore(c5a, out + 5 * ldOut)
            if valid == 6 { return }
            gemmStore(c6a, out + 6 * ldOut)
            if valid == 7 { return }
            gemmStore(c7a, out + 7 * ldOut)
        }
    }

    /// The 4×16 micro-kernel: `out[r][j] = Σ_p a[p·4 + r] · b[p·ldb + j]`, one fused chain per element.
    ///
    /// `a` is a packed sliver (4 floats per step of p); `b` holds 16 contiguous floats per step, `ldb` apart.
    /// Only the first `valid` rows of `load` and `out` are touched (the sliver's other rows are zero padding).
    /// Accumulators start at zero, or at the partial sums in `load` (row stride `ldLoad`) when it is non-nil,
    /// so a chain continues across K blocks. With `final` false the sums are stored raw to `out`; with it
    /// true they are finished as `alpha · s + beta · out` (``Kernels/gemmFinish(_:_:alpha:beta:)``).
    @inline(never)
    static func gemmKernel4x16(
        k: Int, a: UnsafePointer<Float>, b: UnsafePointer<Float>, ldb: Int,
        load: UnsafePointer<Float>?, ldLoad: Int,
        out: UnsafeMutablePointer<Float>, ldOut: Int, valid: Int, final: Bool, alpha: Float, beta: Float
    ) {
        var c0a = SIMD16<Float>()
        var c1a = SIMD16<Float>()
        var c2a = SIMD16<Float>()
        var c3a = SIMD16<Float>()
        if let load {
            c0a = gemmLoad(load + 0 * ldLoad)
            if valid > 1 { c1a = gemmLoad(load + 1 * ldLoad) }
            if valid > 2 { c2a = gemmLoad(load + 2 * ldLoad) }
            if valid > 3 { c3a = gemmLoad(load + 3 * ldLoad) }
        }
        var ap = a
        var bp = b
        var p = 0
        while p < k {
            let b0 = gemmLoad(bp)
            let a0 = SIMD16<Float>(repeating: ap[0])
            c0a = c0a.addingProduct(a0, b0)
            let a1 = SIMD16<Float>(repeating: ap[1])
            c1a = c1a.addingProduct(a1, b0)
            let a2 = SIMD16<Float>(repeating: ap[2])
            c2a = c2a.addingProduct(a2, b0)
            let a3 = SIMD16<Float>(repeating: ap[3])
            c3a = c3a.addingProduct(a3, b0)
            ap += 4
            bp += ldb
            p += 1
        }
        if final {
            gemmStoreFinal(c0a, out + 0 * ldOut, alpha: alpha, beta: beta)
            if valid == 1 { return }
            gemmStoreFinal(c1a, out + 1 * ldOut, alpha: alpha, beta: beta)
            if valid == 2 { return }
            gemmStoreFinal(c2a, out + 2 * ldOut, alpha: alpha, beta: beta)
            if valid == 3 { return }
            gemmStoreFinal(c3a, out + 3 * ldOut, alpha: alpha, beta: beta)
        } else {
            gemmStore(c0a, out + 0 * ldOut)
            if valid == 1 { return }
            gemmStore(c1a, out + 1 * ldOut)
            if valid == 2 { return }
            gemmStore(c2a, out + 2 * ldOut)
            if valid == 3 { return }
            gemmStore(c3a, out + 3 * ldOut)
        }
    }
}
