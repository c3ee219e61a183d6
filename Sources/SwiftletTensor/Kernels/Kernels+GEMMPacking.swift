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
            if valid == rows && (rows == 4 || rows == 8 || rows == 12) {
                // Whole slivers (all but the last) in vector moves: a weight gradient at batch 10 packs one
                // 12-float step per p for every sliver and every column block.
                for p in 0..<kb {
                    let src = UnsafeRawPointer(a + (p0 + p) * lda + i0)
                    let dst = UnsafeMutableRawPointer(sliver + p * rows)
                    if rows == 4 {
                        dst.storeBytes(of: src.loadUnaligned(as: SIMD4<Float>.self), as: SIMD4<Float>.self)
                    } else {
                        dst.storeBytes(of: src.loadUnaligned(as: SIMD8<Float>.self), as: SIMD8<Float>.self)
                        if rows == 12 {
                            (dst + 32).storeBytes(of: (src + 32).loadUnaligned(as: SIMD4<Float>.self), as: SIMD4<Float>.self)
                        }
                    }
                }
                return
            }
            for p in 0..<kb {
                let src = a + (p0 + p) * lda + i0
                let dst = sliver + p * rows
                for r in 0..<valid { dst[r] = src[r] }
                for r in valid..<rows { dst[r] = 0 }
            }
        } else {
            // op(A)[i, p] = a[i · lda + p]: a transpose, done in 4 × 4 register blocks.
            let k4 = kb & ~3
            var r = 0
            while r + 4 <= valid {
                let src = a + (i0 + r) * lda + p0
                var p = 0
                while p < k4 {
                    gemmTranspose4(src + p, lda, into: sliver + p * rows + r, rows)
                    p += 4
                }
                r += 4
            }
            for r in r..<valid {
                let src = a + (i0 + r) * lda + p0
                for p in 0..<k4 { sliver[p * rows + r] = src[p] }
            }
            for r in valid..<rows {
                for p in 0..<k4 { sliver[p * rows + r] = 0 }
            }
            for p in k4..<kb {
                for r in 0..<valid { sliver[p * rows + r] = a[(i0 + r) * lda + p0 + p] }
                for r in valid..<rows { sliver[p * rows + r] = 0 }
            }
        }
    }

    /// Packs columns `j0 ..< j0 + nb` and rows `p0 ..< p0 + kb` of op(B) into panels of 32 columns,
    /// `panel[q][p · 32 + j]` with panel `q` starting at `q · kb · 32`; the last panel is padded with zeros to
    /// the width its kernel reads (16 or 32 columns).
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
        let width = cols <= 16 ? 16 : 32
        if transB {
            // op(B)[p, j] = b[j · ldb + p]: a transpose, done in 4 × 4 register blocks.
            let k4 = kb & ~3
            let c4 = cols & ~3
            var pb = 0
            while pb < k4 {
                var jb = 0
                while jb < c4 {
                    gemmTranspose4(b + (j0 + jb) * ldb + p0 + pb, ldb, into: dst + pb * 32 + jb, 32)
                    jb += 4
                }
                pb += 4
            }
            for j in c4..<cols {
                for p in 0..<k4 { dst[p * 32 + j] = b[(j0 + j) * ldb + p0 + p] }
            }
            for p in 0..<k4 {
                for j in cols..<width { dst[p * 32 + j] = 0 }
            }
            for p in k4..<kb {
                for j in 0..<cols { dst[p * 32 + j] = b[(j0 + j) * ldb + p0 + p] }
                for j in cols..<width { dst[p * 32 + j] = 0 }
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
                    for j in cols..<width { out[j] = 0 }
                }
            }
        }
    }

    /// Writes the transpose of the 4 × 4 block at `src` (row stride `ld`) to `dst` (row stride `ldd`).
    ///
    /// Two rounds of pairwise unzips (even and odd lanes of two concatenated rows): each round moves one bit
    /// of the lane index into the row index, so after two the indices have swapped. About 12 times faster
    /// than a scalar copy on AVX-512; 4 × 4 keeps LLVM from fusing the rounds into slower shuffles.
    @inline(__always)
    static func gemmTranspose4(_ src: UnsafePointer<Float>, _ ld: Int, into dst: UnsafeMutablePointer<Float>, _ ldd: Int) {
        var r0 = UnsafeRawPointer(src).loadUnaligned(as: SIMD4<Float>.self)
        var r1 = UnsafeRawPointer(src + ld).loadUnaligned(as: SIMD4<Float>.self)
        var r2 = UnsafeRawPointer(src + 2 * ld).loadUnaligned(as: SIMD4<Float>.self)
        var r3 = UnsafeRawPointer(src + 3 * ld).loadUnaligned(as: SIMD4<Float>.self)
        gemmUnzip(&r0, &r1)
        gemmUnzip(&r2, &r3)
        gemmUnzip(&r0, &r2)
        gemmUnzip(&r1, &r3)
        UnsafeMutableRawPointer(dst).storeBytes(of: r0, as: SIMD4<Float>.self)
        UnsafeMutableRawPointer(dst + ldd).storeBytes(of: r1, as: SIMD4<Float>.self)
        UnsafeMutableRawPointer(dst + 2 * ldd).storeBytes(of: r2, as: SIMD4<Float>.self)
        UnsafeMutableRawPointer(dst + 3 * ldd).storeBytes(of: r3, as: SIMD4<Float>.self)
    }

    /// Replaces `x` by the even lanes and `y` by the odd lanes of the 8 lanes `x ++ y`.
    @inline(__always)
    static func gemmUnzip(_ x: inout SIMD4<Float>, _ y: inout SIMD4<Float>) {
        let joined = SIMD8<Float>(lowHalf: x, highHalf: y)
        x = joined.evenHalf
        y = joined.oddHalf
    }
}
