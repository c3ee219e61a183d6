// Register-blocked micro-kernels for `Kernels.gemm`, in the style of BLIS (Van Zee & van de Geijn, "BLIS: A
// Framework for Rapidly Instantiating BLAS Functionality", ACM TOMS 41(3), 2015): a tile of C lives in SIMD
// registers while one packed sliver of A is broadcast against 32-wide rows of B.
//
// On AVX-512 the 12×32 kernel keeps 24 zmm accumulators plus two B vectors and one broadcast in the 32
// registers; the 8- and 4-row kernels take the last rows of C. Each element of a tile is still one fused
// multiply–add chain over p in ascending order.

extension Kernels {
    /// The 12×32 micro-kernel: `out[r][j] = Σ_p a[p·12 + r] · b[p·ldb + j]`, one fused chain per element.
    ///
    /// `a` is a packed sliver (12 floats per step of p); `b` holds 32 contiguous floats per step, `ldb` apart.
    /// Only the first `valid` rows of `load` and `out` are touched (the sliver's other rows are zero padding).
    /// Accumulators start at zero, or at the partial sums in `load` (row stride `ldLoad`) when it is non-nil,
    /// so a chain continues across K blocks. With `final` false the sums are stored raw to `out`; with it
    /// true they are finished as `alpha · s + beta · out` (``Kernels/gemmFinish(_:_:alpha:beta:)``).
    @inline(never)
    static func gemmKernel12x32(
        k: Int, a: UnsafePointer<Float>, b: UnsafePointer<Float>, ldb: Int,
        load: UnsafePointer<Float>?, ldLoad: Int,
        out: UnsafeMutablePointer<Float>, ldOut: Int, valid: Int, final: Bool, alpha: Float, beta: Float
    ) {
        var c0a = SIMD16<Float>(), c0b = SIMD16<Float>()
        var c1a = SIMD16<Float>(), c1b = SIMD16<Float>()
        var c2a = SIMD16<Float>(), c2b = SIMD16<Float>()
        var c3a = SIMD16<Float>(), c3b = SIMD16<Float>()
        var c4a = SIMD16<Float>(), c4b = SIMD16<Float>()
        var c5a = SIMD16<Float>(), c5b = SIMD16<Float>()
        var c6a = SIMD16<Float>(), c6b = SIMD16<Float>()
        var c7a = SIMD16<Float>(), c7b = SIMD16<Float>()
        var c8a = SIMD16<Float>(), c8b = SIMD16<Float>()
        var c9a = SIMD16<Float>(), c9b = SIMD16<Float>()
        var c10a = SIMD16<Float>(), c10b = SIMD16<Float>()
        var c11a = SIMD16<Float>(), c11b = SIMD16<Float>()
        if let load {
            c0a = gemmLoad(load + 0 * ldLoad); c0b = gemmLoad(load + 0 * ldLoad + 16)
            if valid > 1 { c1a = gemmLoad(load + 1 * ldLoad); c1b = gemmLoad(load + 1 * ldLoad + 16) }
            if valid > 2 { c2a = gemmLoad(load + 2 * ldLoad); c2b = gemmLoad(load + 2 * ldLoad + 16) }
            if valid > 3 { c3a = gemmLoad(load + 3 * ldLoad); c3b = gemmLoad(load + 3 * ldLoad + 16) }
            if valid > 4 { c4a = gemmLoad(load + 4 * ldLoad); c4b = gemmLoad(load + 4 * ldLoad + 16) }
            if valid > 5 { c5a = gemmLoad(load + 5 * ldLoad); c5b = gemmLoad(load + 5 * ldLoad + 16) }
            if valid > 6 { c6a = gemmLoad(load + 6 * ldLoad); c6b = gemmLoad(load + 6 * ldLoad + 16) }
            if valid > 7 { c7a = gemmLoad(load + 7 * ldLoad); c7b = gemmLoad(load + 7 * ldLoad + 16) }
            if valid > 8 { c8a = gemmLoad(load + 8 * ldLoad); c8b = gemmLoad(load + 8 * ldLoad + 16) }
            if valid > 9 { c9a = gemmLoad(load + 9 * ldLoad); c9b = gemmLoad(load + 9 * ldLoad + 16) }
            if valid > 10 { c10a = gemmLoad(load + 10 * ldLoad); c10b = gemmLoad(load + 10 * ldLoad + 16) }
            if valid > 11 { c11a = gemmLoad(load + 11 * ldLoad); c11b = gemmLoad(load + 11 * ldLoad + 16) }
        }
        var ap = a
        var bp = b
        var p = 0
        while p < k {
            let b0 = gemmLoad(bp), b1 = gemmLoad(bp + 16)
            let a0 = SIMD16<Float>(repeating: ap[0])
            c0a = c0a.addingProduct(a0, b0); c0b = c0b.addingProduct(a0, b1)
            let a1 = SIMD16<Float>(repeating: ap[1])
            c1a = c1a.addingProduct(a1, b0); c1b = c1b.addingProduct(a1, b1)
            let a2 = SIMD16<Float>(repeating: ap[2])
            c2a = c2a.addingProduct(a2, b0); c2b = c2b.addingProduct(a2, b1)
            let a3 = SIMD16<Float>(repeating: ap[3])
            c3a = c3a.addingProduct(a3, b0); c3b = c3b.addingProduct(a3, b1)
            let a4 = SIMD16<Float>(repeating: ap[4])
            c4a = c4a.addingProduct(a4, b0); c4b = c4b.addingProduct(a4, b1)
            let a5 = SIMD16<Float>(repeating: ap[5])
            c5a = c5a.addingProduct(a5, b0); c5b = c5b.addingProduct(a5, b1)
            let a6 = SIMD16<Float>(repeating: ap[6])
            c6a = c6a.addingProduct(a6, b0); c6b = c6b.addingProduct(a6, b1)
            let a7 = SIMD16<Float>(repeating: ap[7])
            c7a = c7a.addingProduct(a7, b0); c7b = c7b.addingProduct(a7, b1)
            let a8 = SIMD16<Float>(repeating: ap[8])
            c8a = c8a.addingProduct(a8, b0); c8b = c8b.addingProduct(a8, b1)
            let a9 = SIMD16<Float>(repeating: ap[9])
            c9a = c9a.addingProduct(a9, b0); c9b = c9b.addingProduct(a9, b1)
            let a10 = SIMD16<Float>(repeating: ap[10])
            c10a = c10a.addingProduct(a10, b0); c10b = c10b.addingProduct(a10, b1)
            let a11 = SIMD16<Float>(repeating: ap[11])
            c11a = c11a.addingProduct(a11, b0); c11b = c11b.addingProduct(a11, b1)
            ap += 12
            bp += ldb
            p += 1
        }
        if final {
            gemmStoreFinal(c0a, out + 0 * ldOut, alpha: alpha, beta: beta)
            gemmStoreFinal(c0b, out + 0 * ldOut + 16, alpha: alpha, beta: beta)
            if valid == 1 { return }
            gemmStoreFinal(c1a, out + 1 * ldOut, alpha: alpha, beta: beta)
            gemmStoreFinal(c1b, out + 1 * ldOut + 16, alpha: alpha, beta: beta)
            if valid == 2 { return }
            gemmStoreFinal(c2a, out + 2 * ldOut, alpha: alpha, beta: beta)
            gemmStoreFinal(c2b, out + 2 * ldOut + 16, alpha: alpha, beta: beta)
            if valid == 3 { return }
            gemmStoreFinal(c3a, out + 3 * ldOut, alpha: alpha, beta: beta)
            gemmStoreFinal(c3b, out + 3 * ldOut + 16, alpha: alpha, beta: beta)
            if valid == 4 { return }
            gemmStoreFinal(c4a, out + 4 * ldOut, alpha: alpha, beta: beta)
            gemmStoreFinal(c4b, out + 4 * ldOut + 16, alpha: alpha, beta: beta)
            if valid == 5 { return }
            gemmStoreFinal(c5a, out + 5 * ldOut, alpha: alpha, beta: beta)
            gemmStoreFinal(c5b, out + 5 * ldOut + 16, alpha: alpha, beta: beta)
            if valid == 6 { return }
            gemmStoreFinal(c6a, out + 6 * ldOut, alpha: alpha, beta: beta)
            gemmStoreFinal(c6b, out + 6 * ldOut + 16, alpha: alpha, beta: beta)
            if valid == 7 { return }
            gemmStoreFinal(c7a, out + 7 * ldOut, alpha: alpha, beta: beta)
            gemmStoreFinal(c7b, out + 7 * ldOut + 16, alpha: alpha, beta: beta)
            if valid == 8 { return }
            gemmStoreFinal(c8a, out + 8 * ldOut, alpha: alpha, beta: beta)
            gemmStoreFinal(c8b, out + 8 * ldOut + 16, alpha: alpha, beta: beta)
            if valid == 9 { return }
            gemmStoreFinal(c9a, out + 9 * ldOut, alpha: alpha, beta: beta)
            gemmStoreFinal(c9b, out + 9 * ldOut + 16, alpha: alpha, beta: beta)
            if valid == 10 { return }
            gemmStoreFinal(c10a, out + 10 * ldOut, alpha: alpha, beta: beta)
            gemmStoreFinal(c10b, out + 10 * ldOut + 16, alpha: alpha, beta: beta)
            if valid == 11 { return }
            gemmStoreFinal(c11a, out + 11 * ldOut, alpha: alpha, beta: beta)
            gemmStoreFinal(c11b, out + 11 * ldOut + 16, alpha: alpha, beta: beta)
        } else {
            gemmStore(c0a, out + 0 * ldOut); gemmStore(c0b, out + 0 * ldOut + 16)
            if valid == 1 { return }
            gemmStore(c1a, out + 1 * ldOut); gemmStore(c1b, out + 1 * ldOut + 16)
            if valid == 2 { return }
            gemmStore(c2a, out + 2 * ldOut); gemmStore(c2b, out + 2 * ldOut + 16)
            if valid == 3 { return }
            gemmStore(c3a, out + 3 * ldOut); gemmStore(c3b, out + 3 * ldOut + 16)
            if valid == 4 { return }
            gemmStore(c4a, out + 4 * ldOut); gemmStore(c4b, out + 4 * ldOut + 16)
            if valid == 5 { return }
            gemmStore(c5a, out + 5 * ldOut); gemmStore(c5b, out + 5 * ldOut + 16)
            if valid == 6 { return }
            gemmStore(c6a, out + 6 * ldOut); gemmStore(c6b, out + 6 * ldOut + 16)
            if valid == 7 { return }
            gemmStore(c7a, out + 7 * ldOut); gemmStore(c7b, out + 7 * ldOut + 16)
            if valid == 8 { return }
            gemmStore(c8a, out + 8 * ldOut); gemmStore(c8b, out + 8 * ldOut + 16)
            if valid == 9 { return }
            gemmStore(c9a, out + 9 * ldOut); gemmStore(c9b, out + 9 * ldOut + 16)
            if valid == 10 { return }
            gemmStore(c10a, out + 10 * ldOut); gemmStore(c10b, out + 10 * ldOut + 16)
            if valid == 11 { return }
            gemmStore(c11a, out + 11 * ldOut); gemmStore(c11b, out + 11 * ldOut + 16)
        }
    }

    /// The 8×32 micro-kernel: `out[r][j] = Σ_p a[p·8 + r] · b[p·ldb + j]`, one fused chain per element.
    ///
    /// `a` is a packed sliver (8 floats per step of p); `b` holds 32 contiguous floats per step, `ldb` apart.
    /// Only the first `valid` rows of `load` and `out` are touched (the sliver's other rows are zero padding).
    /// Accumulators start at zero, or at the partial sums in `load` (row stride `ldLoad`) when it is non-nil,
    /// so a chain continues across K blocks. With `final` false the sums are stored raw to `out`; with it
    /// true they are finished as `alpha · s + beta · out` (``Kernels/gemmFinish(_:_:alpha:beta:)``).
    @inline(never)
    static func gemmKernel8x32(
        k: Int, a: UnsafePointer<Float>, b: UnsafePointer<Float>, ldb: Int,
        load: UnsafePointer<Float>?, ldLoad: Int,
        out: UnsafeMutablePointer<Float>, ldOut: Int, valid: Int, final: Bool, alpha: Float, beta: Float
    ) {
        var c0a = SIMD16<Float>(), c0b = SIMD16<Float>()
        var c1a = SIMD16<Float>(), c1b = SIMD16<Float>()
        var c2a = SIMD16<Float>(), c2b = SIMD16<Float>()
        var c3a = SIMD16<Float>(), c3b = SIMD16<Float>()
        var c4a = SIMD16<Float>(), c4b = SIMD16<Float>()
        var c5a = SIMD16<Float>(), c5b = SIMD16<Float>()
        var c6a = SIMD16<Float>(), c6b = SIMD16<Float>()
        var c7a = SIMD16<Float>(), c7b = SIMD16<Float>()
        if let load {
            c0a = gemmLoad(load + 0 * ldLoad); c0b = gemmLoad(load + 0 * ldLoad + 16)
            if valid > 1 { c1a = gemmLoad(load + 1 * ldLoad); c1b = gemmLoad(load + 1 * ldLoad + 16) }
            if valid > 2 { c2a = gemmLoad(load + 2 * ldLoad); c2b = gemmLoad(load + 2 * ldLoad + 16) }
            if valid > 3 { c3a = gemmLoad(load + 3 * ldLoad); c3b = gemmLoad(load + 3 * ldLoad + 16) }
            if valid > 4 { c4a = gemmLoad(load + 4 * ldLoad); c4b = gemmLoad(load + 4 * ldLoad + 16) }
            if valid > 5 { c5a = gemmLoad(load + 5 * ldLoad); c5b = gemmLoad(load + 5 * ldLoad + 16) }
            if valid > 6 { c6a = gemmLoad(load + 6 * ldLoad); c6b = gemmLoad(load + 6 * ldLoad + 16) }
            if valid > 7 { c7a = gemmLoad(load + 7 * ldLoad); c7b = gemmLoad(load + 7 * ldLoad + 16) }
        }
        var ap = a
        var bp = b
        var p = 0
        while p < k {
            let b0 = gemmLoad(bp), b1 = gemmLoad(bp + 16)
            let a0 = SIMD16<Float>(repeating: ap[0])
            c0a = c0a.addingProduct(a0, b0); c0b = c0b.addingProduct(a0, b1)
            let a1 = SIMD16<Float>(repeating: ap[1])
            c1a = c1a.addingProduct(a1, b0); c1b = c1b.addingProduct(a1, b1)
            let a2 = SIMD16<Float>(repeating: ap[2])
            c2a = c2a.addingProduct(a2, b0); c2b = c2b.addingProduct(a2, b1)
            let a3 = SIMD16<Float>(repeating: ap[3])
            c3a = c3a.addingProduct(a3, b0); c3b = c3b.addingProduct(a3, b1)
            let a4 = SIMD16<Float>(repeating: ap[4])
            c4a = c4a.addingProduct(a4, b0); c4b = c4b.addingProduct(a4, b1)
            let a5 = SIMD16<Float>(repeating: ap[5])
            c5a = c5a.addingProduct(a5, b0); c5b = c5b.addingProduct(a5, b1)
            let a6 = SIMD16<Float>(repeating: ap[6])
            c6a = c6a.addingProduct(a6, b0); c6b = c6b.addingProduct(a6, b1)
            let a7 = SIMD16<Float>(repeating: ap[7])
            c7a = c7a.addingProduct(a7, b0); c7b = c7b.addingProduct(a7, b1)
            ap += 8
            bp += ldb
            p += 1
        }
        if final {
            gemmStoreFinal(c0a, out + 0 * ldOut, alpha: alpha, beta: beta)
            gemmStoreFinal(c0b, out + 0 * ldOut + 16, alpha: alpha, beta: beta)
            if valid == 1 { return }
            gemmStoreFinal(c1a, out + 1 * ldOut, alpha: alpha, beta: beta)
            gemmStoreFinal(c1b, out + 1 * ldOut + 16, alpha: alpha, beta: beta)
            if valid == 2 { return }
            gemmStoreFinal(c2a, out + 2 * ldOut, alpha: alpha, beta: beta)
            gemmStoreFinal(c2b, out + 2 * ldOut + 16, alpha: alpha, beta: beta)
            if valid == 3 { return }
            gemmStoreFinal(c3a, out + 3 * ldOut, alpha: alpha, beta: beta)
            gemmStoreFinal(c3b, out + 3 * ldOut + 16, alpha: alpha, beta: beta)
            if valid == 4 { return }
            gemmStoreFinal(c4a, out + 4 * ldOut, alpha: alpha, beta: beta)
            gemmStoreFinal(c4b, out + 4 * ldOut + 16, alpha: alpha, beta: beta)
            if valid == 5 { return }
            gemmStoreFinal(c5a, out + 5 * ldOut, alpha: alpha, beta: beta)
            gemmStoreFinal(c5b, out + 5 * ldOut + 16, alpha: alpha, beta: beta)
            if valid == 6 { return }
            gemmStoreFinal(c6a, out + 6 * ldOut, alpha: alpha, beta: beta)
            gemmStoreFinal(c6b, out + 6 * ldOut + 16, alpha: alpha, beta: beta)
            if valid == 7 { return }
            gemmStoreFinal(c7a, out + 7 * ldOut, alpha: alpha, beta: beta)
            gemmStoreFinal(c7b, out + 7 * ldOut + 16, alpha: alpha, beta: beta)
        } else {
            gemmStore(c0a, out + 0 * ldOut); gemmStore(c0b, out + 0 * ldOut + 16)
            if valid == 1 { return }
            gemmStore(c1a, out + 1 * ldOut); gemmStore(c1b, out + 1 * ldOut + 16)
            if valid == 2 { return }
            gemmStore(c2a, out + 2 * ldOut); gemmStore(c2b, out + 2 * ldOut + 16)
            if valid == 3 { return }
            gemmStore(c3a, out + 3 * ldOut); gemmStore(c3b, out + 3 * ldOut + 16)
            if valid == 4 { return }
            gemmStore(c4a, out + 4 * ldOut); gemmStore(c4b, out + 4 * ldOut + 16)
            if valid == 5 { return }
            gemmStore(c5a, out + 5 * ldOut); gemmStore(c5b, out + 5 * ldOut + 16)
            if valid == 6 { return }
            gemmStore(c6a, out + 6 * ldOut); gemmStore(c6b, out + 6 * ldOut + 16)
            if valid == 7 { return }
            gemmStore(c7a, out + 7 * ldOut); gemmStore(c7b, out + 7 * ldOut + 16)
        }
    }

    /// The 4×32 micro-kernel: `out[r][j] = Σ_p a[p·4 + r] · b[p·ldb + j]`, one fused chain per element.
    ///
    /// `a` is a packed sliver (4 floats per step of p); `b` holds 32 contiguous floats per step, `ldb` apart.
    /// Only the first `valid` rows of `load` and `out` are touched (the sliver's other rows are zero padding).
    /// Accumulators start at zero, or at the partial sums in `load` (row stride `ldLoad`) when it is non-nil,
    /// so a chain continues across K blocks. With `final` false the sums are stored raw to `out`; with it
    /// true they are finished as `alpha · s + beta · out` (``Kernels/gemmFinish(_:_:alpha:beta:)``).
    @inline(never)
    static func gemmKernel4x32(
        k: Int, a: UnsafePointer<Float>, b: UnsafePointer<Float>, ldb: Int,
        load: UnsafePointer<Float>?, ldLoad: Int,
        out: UnsafeMutablePointer<Float>, ldOut: Int, valid: Int, final: Bool, alpha: Float, beta: Float
    ) {
        var c0a = SIMD16<Float>(), c0b = SIMD16<Float>()
        var c1a = SIMD16<Float>(), c1b = SIMD16<Float>()
        var c2a = SIMD16<Float>(), c2b = SIMD16<Float>()
        var c3a = SIMD16<Float>(), c3b = SIMD16<Float>()
        if let load {
            c0a = gemmLoad(load + 0 * ldLoad); c0b = gemmLoad(load + 0 * ldLoad + 16)
            if valid > 1 { c1a = gemmLoad(load + 1 * ldLoad); c1b = gemmLoad(load + 1 * ldLoad + 16) }
            if valid > 2 { c2a = gemmLoad(load + 2 * ldLoad); c2b = gemmLoad(load + 2 * ldLoad + 16) }
            if valid > 3 { c3a = gemmLoad(load + 3 * ldLoad); c3b = gemmLoad(load + 3 * ldLoad + 16) }
        }
        var ap = a
        var bp = b
        var p = 0
        while p < k {
            let b0 = gemmLoad(bp), b1 = gemmLoad(bp + 16)
            let a0 = SIMD16<Float>(repeating: ap[0])
            c0a = c0a.addingProduct(a0, b0); c0b = c0b.addingProduct(a0, b1)
            let a1 = SIMD16<Float>(repeating: ap[1])
            c1a = c1a.addingProduct(a1, b0); c1b = c1b.addingProduct(a1, b1)
            let a2 = SIMD16<Float>(repeating: ap[2])
            c2a = c2a.addingProduct(a2, b0); c2b = c2b.addingProduct(a2, b1)
            let a3 = SIMD16<Float>(repeating: ap[3])
            c3a = c3a.addingProduct(a3, b0); c3b = c3b.addingProduct(a3, b1)
            ap += 4
            bp += ldb
            p += 1
        }
        if final {
            gemmStoreFinal(c0a, out + 0 * ldOut, alpha: alpha, beta: beta)
            gemmStoreFinal(c0b, out + 0 * ldOut + 16, alpha: alpha, beta: beta)
            if valid == 1 { return }
            gemmStoreFinal(c1a, out + 1 * ldOut, alpha: alpha, beta: beta)
            gemmStoreFinal(c1b, out + 1 * ldOut + 16, alpha: alpha, beta: beta)
            if valid == 2 { return }
            gemmStoreFinal(c2a, out + 2 * ldOut, alpha: alpha, beta: beta)
            gemmStoreFinal(c2b, out + 2 * ldOut + 16, alpha: alpha, beta: beta)
            if valid == 3 { return }
            gemmStoreFinal(c3a, out + 3 * ldOut, alpha: alpha, beta: beta)
            gemmStoreFinal(c3b, out + 3 * ldOut + 16, alpha: alpha, beta: beta)
        } else {
            gemmStore(c0a, out + 0 * ldOut); gemmStore(c0b, out + 0 * ldOut + 16)
            if valid == 1 { return }
            gemmStore(c1a, out + 1 * ldOut); gemmStore(c1b, out + 1 * ldOut + 16)
            if valid == 2 { return }
            gemmStore(c2a, out + 2 * ldOut); gemmStore(c2b, out + 2 * ldOut + 16)
            if valid == 3 { return }
            gemmStore(c3a, out + 3 * ldOut); gemmStore(c3b, out + 3 * ldOut + 16)
        }
    }
}
