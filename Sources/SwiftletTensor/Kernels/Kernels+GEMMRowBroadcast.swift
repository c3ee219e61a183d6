// The few-rows, transposed-B case of `Kernels.gemm`: `C = op(A) · Bᵀ` with at most 16 rows of C, which is a
// dense layer's forward pass at a small batch (`y = x Wᵀ` with W stored `[outputs, inputs]`).
//
// The blocked path would pack all of Bᵀ (a 4 × 4 transpose of the whole weight on every call) and then use
// it for only one sliver of A, so packing costs as much as the arithmetic. Here the roles flip: op(A) (a few
// rows) is packed once, transposed so that one step of p is one SIMD vector over the rows of C, and each
// element of B is broadcast straight from its stored row — embedded-broadcast FMAs on AVX-512, no packing
// of B at all. Each vector lane is still one element of C with one fused multiply–add chain over p in
// ascending order, so the result is bit-identical to the reference.

extension Kernels {
    /// Rows of C up to which the row-broadcast path is taken.
    @inline(__always) static var gemmRowBroadcastMaxM: Int { 16 }
    /// The shallowest product worth it: below this the scalar epilogue outweighs the saved packing.
    @inline(__always) static var gemmRowBroadcastMinK: Int { 32 }
    /// The deepest product taken (bounds the packed copy of op(A) in the workspace).
    @inline(__always) static var gemmRowBroadcastMaxK: Int { 2048 }
    /// Columns of C computed together: 12 accumulators and the vector of A stay in registers.
    @inline(__always) static var gemmRowBroadcastColumns: Int { 12 }

    /// Whether ``gemm(transA:transB:m:n:k:alpha:a:lda:b:ldb:beta:c:ldc:workspace:)`` takes the row-broadcast path.
    @inline(__always)
    public static func gemmUsesRowBroadcast(transB: Bool, m: Int, k: Int) -> Bool {
        transB && m <= gemmRowBroadcastMaxM && k >= gemmRowBroadcastMinK && k <= gemmRowBroadcastMaxK
    }

    /// Workspace floats the row-broadcast path needs for depth `k` (it is only taken up to the maximum depth).
    @inline(__always)
    static func gemmRowBroadcastWorkspaceCount(k: Int) -> Int {
        16 * min(max(k, 1), gemmRowBroadcastMaxK) + 16 * gemmRowBroadcastColumns
    }

    /// `C = alpha · op(A) · Bᵀ + beta · C` for `m ≤ 16`: lanes over the rows of C, B broadcast from its rows.
    ///
    /// Eight-lane vectors serve up to eight rows (two 256-bit FMAs per cycle match one 512-bit FMA on
    /// Zen 4), sixteen-lane vectors the rest.
    static func gemmRowBroadcast(
        transA: Bool, m: Int, n: Int, k: Int, alpha: Float,
        a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
        beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int, workspace: UnsafeMutablePointer<Float>
    ) {
        if m <= 8 {
            gemmRowBroadcastLanes(SIMD8<Float>.self, transA: transA, m: m, n: n, k: k, alpha: alpha, a: a, lda: lda,
                                  b: b, ldb: ldb, beta: beta, c: c, ldc: ldc, workspace: workspace)
        } else {
            gemmRowBroadcastLanes(SIMD16<Float>.self, transA: transA, m: m, n: n, k: k, alpha: alpha, a: a, lda: lda,
                                  b: b, ldb: ldb, beta: beta, c: c, ldc: ldc, workspace: workspace)
        }
    }

    /// The row-broadcast product with `V.scalarCount` lanes (≥ `m`).
    @inline(__always)
    static func gemmRowBroadcastLanes<V: SIMD>(
        _ lanes: V.Type, transA: Bool, m: Int, n: Int, k: Int, alpha: Float,
        a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
        beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int, workspace: UnsafeMutablePointer<Float>
    ) where V.Scalar == Float {
        let width = V.scalarCount
        // packed[p · width + i] = op(A)[i, p], rows m ..< width zero.
        let packed = workspace
        let tile = workspace + width * k
        gemmRowBroadcastPackA(V.self, transA: transA, m: m, k: k, a: a, lda: lda, into: packed)
        let columns = gemmRowBroadcastColumns
        var j0 = 0
        while j0 < n {
            let count = min(columns, n - j0)
            if count <= 4 {
                // A short right edge: four chains instead of twelve, of which most would be thrown away.
                gemmRowBroadcastBlock4(V.self, k: k, packed: packed, b: b + j0 * ldb, ldb: ldb, count: count, tile: tile)
            } else {
                gemmRowBroadcastBlock(V.self, k: k, packed: packed, b: b + j0 * ldb, ldb: ldb, count: count, tile: tile)
            }
            gemmRowBroadcastFinish(m: m, count: count, width: width, tile: tile, alpha: alpha, beta: beta,
                                   c: c + j0, ldc: ldc)
            j0 += count
        }
    }

    /// Writes `C[i, jj] = alpha · tile[jj · width + i] + beta · C[i, jj]` for `i < m`, `jj < count`.
    ///
    /// Row by row, so stores to C are contiguous, with the common cases `alpha = 1`, `beta ∈ {0, 1}` (a
    /// product, a product plus bias or accumulated gradient) free of per-element branches: `1 · c` is
    /// exactly `c`, so `s + c` is the canonical ``gemmFinish(_:_:alpha:beta:)`` result.
    @inline(__always)
    static func gemmRowBroadcastFinish(
        m: Int, count: Int, width: Int, tile: UnsafePointer<Float>, alpha: Float, beta: Float,
        c: UnsafeMutablePointer<Float>, ldc: Int
    ) {
        for i in 0..<m {
            let row = c + i * ldc
            let sums = tile + i
            if alpha == 1 && beta == 0 {
                for jj in 0..<count { row[jj] = sums[jj * width] }
            } else if alpha == 1 && beta == 1 {
                for jj in 0..<count { row[jj] = sums[jj * width] + row[jj] }
            } else {
                for jj in 0..<count { gemmFinish(sums[jj * width], row + jj, alpha: alpha, beta: beta) }
            }
        }
    }

    /// Packs op(A) (`m × k`) as `packed[p · width + i]`, rows `m ..< width` zero.
    ///
    /// The padding is cleared with whole-vector stores first: the general sliver packer clears it one strided
    /// scalar at a time, which cost a fifth of a batch-10 forward pass.
    @inline(__always)
    static func gemmRowBroadcastPackA<V: SIMD>(
        _ lanes: V.Type, transA: Bool, m: Int, k: Int, a: UnsafePointer<Float>, lda: Int,
        into packed: UnsafeMutablePointer<Float>
    ) where V.Scalar == Float {
        let width = V.scalarCount
        if m < width {
            let raw = UnsafeMutableRawPointer(packed)
            for p in 0..<k { (raw + p * width * 4).storeBytes(of: V(), as: V.self) }
        }
        if transA {
            // op(A)[i, p] = a[p · lda + i]: each step of p is already a contiguous run of rows.
            for p in 0..<k { (packed + p * width).update(from: a + p * lda, count: m) }
            return
        }
        let k4 = k & ~3
        var r = 0
        while r + 4 <= m {
            let src = a + r * lda
            var p = 0
            while p < k4 {
                gemmTranspose4(src + p, lda, into: packed + p * width + r, width)
                p += 4
            }
            for p in k4..<k {
                for q in 0..<4 { packed[p * width + r + q] = src[q * lda + p] }
            }
            r += 4
        }
        for r in r..<m {
            let src = a + r * lda
            for p in 0..<k { packed[p * width + r] = src[p] }
        }
    }

    /// Twelve columns of C: `tile[jj · width + i] = Σ_p packed[p · width + i] · b[jj · ldb + p]`.
    ///
    /// Columns `count ..< 12` repeat column 0 (their sums are computed and ignored), so the loop has no branches.
    @inline(__always)
    static func gemmRowBroadcastBlock<V: SIMD>(
        _ lanes: V.Type, k: Int, packed: UnsafePointer<Float>, b: UnsafePointer<Float>, ldb: Int, count: Int,
        tile: UnsafeMutablePointer<Float>
    ) where V.Scalar == Float {
        let width = V.scalarCount
        @inline(__always) func row(_ jj: Int) -> UnsafePointer<Float> { jj < count ? b + jj * ldb : b }
        let b0 = row(0), b1 = row(1), b2 = row(2), b3 = row(3), b4 = row(4), b5 = row(5)
        let b6 = row(6), b7 = row(7), b8 = row(8), b9 = row(9), b10 = row(10), b11 = row(11)
        var s0 = V(), s1 = V(), s2 = V(), s3 = V(), s4 = V(), s5 = V()
        var s6 = V(), s7 = V(), s8 = V(), s9 = V(), s10 = V(), s11 = V()
        var ap = packed
        for p in 0..<k {
            let av = UnsafeRawPointer(ap).loadUnaligned(as: V.self)
            s0 = s0.addingProduct(av, V(repeating: b0[p])); s1 = s1.addingProduct(av, V(repeating: b1[p]))
            s2 = s2.addingProduct(av, V(repeating: b2[p])); s3 = s3.addingProduct(av, V(repeating: b3[p]))
            s4 = s4.addingProduct(av, V(repeating: b4[p])); s5 = s5.addingProduct(av, V(repeating: b5[p]))
            s6 = s6.addingProduct(av, V(repeating: b6[p])); s7 = s7.addingProduct(av, V(repeating: b7[p]))
            s8 = s8.addingProduct(av, V(repeating: b8[p])); s9 = s9.addingProduct(av, V(repeating: b9[p]))
            s10 = s10.addingProduct(av, V(repeating: b10[p])); s11 = s11.addingProduct(av, V(repeating: b11[p]))
            ap += width
        }
        let out = UnsafeMutableRawPointer(tile)
        let stride = width * 4
        out.storeBytes(of: s0, as: V.self); (out + stride).storeBytes(of: s1, as: V.self)
        (out + 2 * stride).storeBytes(of: s2, as: V.self); (out + 3 * stride).storeBytes(of: s3, as: V.self)
        (out + 4 * stride).storeBytes(of: s4, as: V.self); (out + 5 * stride).storeBytes(of: s5, as: V.self)
        (out + 6 * stride).storeBytes(of: s6, as: V.self); (out + 7 * stride).storeBytes(of: s7, as: V.self)
        (out + 8 * stride).storeBytes(of: s8, as: V.self); (out + 9 * stride).storeBytes(of: s9, as: V.self)
        (out + 10 * stride).storeBytes(of: s10, as: V.self); (out + 11 * stride).storeBytes(of: s11, as: V.self)
    }

    /// Up to four columns of C, as ``gemmRowBroadcastBlock(_:k:packed:b:ldb:count:tile:)`` does twelve.
    @inline(__always)
    static func gemmRowBroadcastBlock4<V: SIMD>(
        _ lanes: V.Type, k: Int, packed: UnsafePointer<Float>, b: UnsafePointer<Float>, ldb: Int, count: Int,
        tile: UnsafeMutablePointer<Float>
    ) where V.Scalar == Float {
        let width = V.scalarCount
        @inline(__always) func row(_ jj: Int) -> UnsafePointer<Float> { jj < count ? b + jj * ldb : b }
        let b0 = row(0), b1 = row(1), b2 = row(2), b3 = row(3)
        var s0 = V(), s1 = V(), s2 = V(), s3 = V()
        var ap = packed
        for p in 0..<k {
            let av = UnsafeRawPointer(ap).loadUnaligned(as: V.self)
            s0 = s0.addingProduct(av, V(repeating: b0[p])); s1 = s1.addingProduct(av, V(repeating: b1[p]))
            s2 = s2.addingProduct(av, V(repeating: b2[p])); s3 = s3.addingProduct(av, V(repeating: b3[p]))
            ap += width
        }
        let out = UnsafeMutableRawPointer(tile)
        let stride = width * 4
        out.storeBytes(of: s0, as: V.self); (out + stride).storeBytes(of: s1, as: V.self)
        (out + 2 * stride).storeBytes(of: s2, as: V.self); (out + 3 * stride).storeBytes(of: s3, as: V.self)
    }
}
