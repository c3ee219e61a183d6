// Packing for `Kernels.gemm`: copies blocks of op(A) and op(B) into the contiguous layouts the micro-kernels
// stream through (BLIS, Van Zee & van de Geijn, ACM TOMS 2015), so the inner loop reads memory sequentially
// whatever the transposes and leading dimensions are. Packing only copies values; it never rounds.

extension Kernels {
    /// Packs rows `i0 ..< i0 + valid` and columns `p0 ..< p0 + kb` of op(A) into `sliver[p · rows + r]`,
    /// padding rows `valid ..< rows` with zeros (their results are computed but never stored).
    @inline(__always)
    static func gemmPackA(
        transA: Bool, a: UnsafePointer<Float>, lda: Int, i0: Int, p0: Int, kb: Int,
        rows: Int, valid: Int, into sliver: UnsafeMutablePointer<Float>
    ) {
        if transA {
            // op(A)[i, p] = a[p · lda + i]: each step of p is a contiguous run of rows.
            for p in 0..<kb {
                let src = a + (p0 + p) * lda + i0
                let dst = sliver + p * rows
                for r in 0..<valid { dst[r] = src[r] }
                for r in valid..<rows { dst[r] = 0 }
            }
        } else {
            // op(A)[i, p] = a[i · lda + p]: read each row contiguously, write it with stride `rows`.
            for r in 0..<valid {
                let src = a + (i0 + r) * lda + p0
                for p in 0..<kb { sliver[p * rows + r] = src[p] }
            }
            for r in valid..<rows {
                for p in 0..<kb { sliver[p * rows + r] = 0 }
            }
        }
    }

    /// Packs columns `j0 ..< j0 + nb` and rows `p0 ..< p0 + kb` of op(B) into panels of 32 columns,
    /// `panel[q][p · 32 + j]` with panel `q` starting at `q · kb · 32`; the last panel is padded with zeros.
    static func gemmPackB(
        transB: Bool, b: UnsafePointer<Float>, ldb: Int, j0: Int, p0: Int, kb: Int, nb: Int,
        into packed: UnsafeMutablePointer<Float>
    ) {
        var jr = 0
        while jr < nb {
            let cols = min(32, nb - jr)
            gemmPackBPanel(transB: transB, b: b, ldb: ldb, j0: j0 + jr, p0: p0, kb: kb, cols: cols,
                           into: packed + (jr / 32) * kb * 32)
            jr += 32
        }
    }

    /// Packs one panel of up to 32 columns of op(B) (see ``gemmPackB(transB:b:ldb:j0:p0:kb:nb:into:)``).
    @inline(__always)
    static func gemmPackBPanel(
        transB: Bool, b: UnsafePointer<Float>, ldb: Int, j0: Int, p0: Int, kb: Int, cols: Int,
        into dst: UnsafeMutablePointer<Float>
    ) {
        if transB {
            // op(B)[p, j] = b[j · ldb + p]: a transpose. Work in 16 × 16 blocks so reads stay on a few
            // cache lines per column and writes fill whole lines of the panel.
            var pb = 0
            while pb < kb {
                let pn = min(16, kb - pb)
                for j in 0..<cols {
                    let src = b + (j0 + j) * ldb + p0 + pb
                    let out = dst + pb * 32 + j
                    for p in 0..<pn { out[p * 32] = src[p] }
                }
                if cols < 32 {
                    for p in 0..<pn {
                        for j in cols..<32 { dst[(pb + p) * 32 + j] = 0 }
                    }
                }
                pb += 16
            }
        } else {
            // op(B)[p, j] = b[p · ldb + j]: each step of p is a contiguous run of columns.
            if cols == 32 {
                for p in 0..<kb {
                    let src = b + (p0 + p) * ldb + j0
                    let out = dst + p * 32
                    gemmStore(gemmLoad(src), out)
                    gemmStore(gemmLoad(src + 16), out + 16)
                }
            } else {
                for p in 0..<kb {
                    let src = b + (p0 + p) * ldb + j0
                    let out = dst + p * 32
                    for j in 0..<cols { out[j] = src[j] }
                    for j in cols..<32 { out[j] = 0 }
                }
            }
        }
    }
}
