// Blocked, packed single-precision matrix multiply after BLIS (Van Zee & van de Geijn, "BLIS: A Framework for
// Rapidly Instantiating BLAS Functionality", ACM TOMS 41(3), 2015) and Goto & van de Geijn, "Anatomy of
// High-Performance Matrix Multiplication", ACM TOMS 34(3), 2008.
//
// Loop nest (outermost first): 256-column blocks of C (packed B stays in L2) → row blocks → K blocks of at
// most 384 (one packed sliver of A stays in L1) → 12-, 8- or 4-row slivers of A → 32-column panels of B (16 at
// the right edge) → micro-kernel. Every element of C is one fused multiply–add chain over p = 0, 1, …, k−1 started from zero;
// between K blocks the chain's running sum is parked in C (beta == 0) or in workspace, never rounded
// differently, and alpha/beta are applied once at the end. So the result is bit-identical to
// ``Kernels/gemmReference(transA:transB:m:n:k:alpha:a:lda:b:ldb:beta:c:ldc:)`` for any blocking and any split.
// Products with at most 16 rows and a transposed B (dense layers' forward at small batches) skip all of this
// for the row-broadcast path in Kernels+GEMMRowBroadcast.swift, which never packs B.

extension Kernels {
    /// Single-precision general matrix multiply, row-major: `C = alpha · op(A) · op(B) + beta · C`.
    ///
    /// `op(A)` is `m × k` and `op(B)` is `k × n`. With `transA == false`, A is stored `m × k` with row stride
    /// `lda`; with `transA == true`, A is stored `k × m`. Likewise for B. `beta == 0` overwrites C without
    /// reading it (so NaN in an uninitialised C never leaks in); `k == 0` gives `beta · C`.
    ///
    /// `workspace` must hold at least ``gemmWorkspaceCount(m:n:k:)`` floats.
    /// Each element of C is computed with the same sequence of operations whatever part of C a call covers —
    /// `s = 0; s = fma(a_ip, b_pj, s)` for p ascending, then `alpha · s + beta · c` — so splitting C across
    /// threads (see `ComputePool`) gives bit-identical results for any thread count.
    public static func gemm(
        transA: Bool, transB: Bool,
        m: Int, n: Int, k: Int,
        alpha: Float,
        a: UnsafePointer<Float>, lda: Int,
        b: UnsafePointer<Float>, ldb: Int,
        beta: Float,
        c: UnsafeMutablePointer<Float>, ldc: Int,
        workspace: UnsafeMutablePointer<Float>
    ) {
        if m <= 0 || n <= 0 { return }
        if k <= 0 {
            for i in 0..<m {
                for j in 0..<n { gemmFinish(0, c + i * ldc + j, alpha: alpha, beta: beta) }
            }
            return
        }
        if gemmUsesRowBroadcast(transB: transB, m: m, k: k) {
            gemmRowBroadcast(transA: transA, m: m, n: n, k: k, alpha: alpha, a: a, lda: lda, b: b, ldb: ldb,
                             beta: beta, c: c, ldc: ldc, workspace: workspace)
            return
        }
        let blocks = gemmKBlockCount(k)
        let kc = (k + blocks - 1) / blocks
        let ncAlloc = min(gemmRoundUp(n, 32), gemmNC)
        let packedB = workspace
        let sliver = packedB + gemmRoundUp(kc * ncAlloc, 16)
        let tile = sliver + gemmRoundUp(12 * kc, 16)
        let scratch = tile + 12 * 32
        // Partial sums between K blocks go to C when its old value is not needed, else to a scratch block of
        // at most gemmMC rows (then B is packed once per row block instead of once).
        let partialInC = beta == 0 || blocks == 1
        let mcBlock = partialInC ? m : gemmMC
        // With a single sliver of A, packing B costs as much as using it: read non-transposed B in place.
        let directB = !transB && m <= 12

        var jc = 0
        while jc < n {
            let nb = min(gemmNC, n - jc)
            var ic = 0
            while ic < m {
                let mb = min(mcBlock, m - ic)
                for q in 0..<blocks {
                    let p0 = q * kc
                    let kb = min(kc, k - p0)
                    let first = q == 0
                    let last = q == blocks - 1
                    if !directB {
                        gemmPackB(transB: transB, b: b, ldb: ldb, j0: jc, p0: p0, kb: kb, nb: nb, into: packedB)
                    } else if nb % 32 != 0 {
                        let tail = nb - nb % 32
                        gemmPackBPanel(transB: false, b: b, ldb: ldb, j0: jc + tail, p0: p0, kb: kb,
                                       cols: nb % 32, into: packedB)
                    }
                    var ir = 0
                    while ir < mb {
                        let left = mb - ir
                        let rows = left > 8 ? 12 : left > 4 ? 8 : 4
                        let valid = min(rows, left)
                        gemmPackA(transA: transA, a: a, lda: lda, i0: ic + ir, p0: p0, kb: kb,
                                  rows: rows, valid: valid, into: sliver)
                        var jr = 0
                        while jr < nb {
                            let cols = min(32, nb - jr)
                            let cTile = c + (ic + ir) * ldc + jc + jr
                            let bPanel: UnsafePointer<Float>
                            let bStride: Int
                            if directB && cols == 32 {
                                bPanel = b + p0 * ldb + jc + jr
                                bStride = ldb
                            } else {
                                bPanel = UnsafePointer(packedB + (directB ? 0 : (jr / 32) * kb * 32))
                                bStride = 32
                            }
                            let partial = partialInC ? cTile : scratch + ir * ncAlloc + jr
                            let partialStride = partialInC ? ldc : ncAlloc
                            if cols == 32 || cols == 16 {
                                gemmKernel(rows: rows, narrow: cols == 16, k: kb, a: sliver, b: bPanel, ldb: bStride,
                                           load: first ? nil : UnsafePointer(partial), ldLoad: partialStride,
                                           out: last ? cTile : partial, ldOut: last ? ldc : partialStride,
                                           valid: valid, final: last, alpha: alpha, beta: beta)
                            } else {
                                gemmEdgeTile(rows: rows, valid: valid, cols: cols, k: kb, a: sliver, b: bPanel,
                                             ldb: bStride, partial: partial, partialStride: partialStride,
                                             first: first, last: last, c: cTile, ldc: ldc, alpha: alpha, beta: beta,
                                             tile: tile)
                            }
                            jr += 32
                        }
                        ir += valid
                    }
                }
                ic += mb
            }
            jc += nb
        }
    }

    /// A right-edge tile (`cols` not 16 or 32): the kernel computes the whole register tile into `tile`
    /// (12 × 32 floats), then the valid part is parked as partial sums or finished into C element by element,
    /// with the same operations as the kernel's own epilogue.
    @inline(never)
    static func gemmEdgeTile(
        rows: Int, valid: Int, cols: Int, k: Int, a: UnsafePointer<Float>, b: UnsafePointer<Float>, ldb: Int,
        partial: UnsafeMutablePointer<Float>, partialStride: Int, first: Bool, last: Bool,
        c: UnsafeMutablePointer<Float>, ldc: Int, alpha: Float, beta: Float, tile: UnsafeMutablePointer<Float>
    ) {
        if !first {
            for r in 0..<valid { (tile + r * 32).update(from: partial + r * partialStride, count: cols) }
        }
        gemmKernel(rows: rows, narrow: cols < 16, k: k, a: a, b: b, ldb: ldb,
                   load: first ? nil : UnsafePointer(tile), ldLoad: 32,
                   out: tile, ldOut: 32, valid: valid, final: false, alpha: alpha, beta: beta)
        for r in 0..<valid {
            for j in 0..<cols {
                let s = tile[r * 32 + j]
                if last {
                    gemmFinish(s, c + r * ldc + j, alpha: alpha, beta: beta)
                } else {
                    partial[r * partialStride + j] = s
                }
            }
        }
    }

    /// The number of scratch floats ``gemm(transA:transB:m:n:k:alpha:a:lda:b:ldb:beta:c:ldc:workspace:)`` needs.
    ///
    /// Bounded by the block sizes (at most 127 872 floats, 500 KiB), not by `m · n`; never decreases as `m` or
    /// `n` grow, so a count for a whole product covers any part of it.
    public static func gemmWorkspaceCount(m: Int, n: Int, k: Int) -> Int {
        let k = max(k, 1)
        let blocks = gemmKBlockCount(k)
        let kc = (k + blocks - 1) / blocks
        let ncAlloc = min(gemmRoundUp(max(n, 1), 32), gemmNC)
        let scratch = blocks > 1 ? min(max(m, 1), gemmMC) * ncAlloc : 0
        let blocked = gemmRoundUp(kc * ncAlloc, 16) + gemmRoundUp(12 * kc, 16) + 12 * 32 + scratch
        return max(blocked, gemmRowBroadcastWorkspaceCount(k: k))
    }

    /// Columns of C per block: the packed `kc × 256` block of B (≤ 384 KiB) stays in L2.
    @inline(__always) static var gemmNC: Int { 256 }
    /// Rows of C per block when partial sums need scratch space.
    @inline(__always) static var gemmMC: Int { 96 }
    /// The largest K block: a packed 12-row sliver of A (18 KiB) stays in a 32 KiB L1.
    @inline(__always) static var gemmKC: Int { 384 }

    /// The number of K blocks for depth `k`; blocks are made equal so none is a sliver.
    @inline(__always)
    static func gemmKBlockCount(_ k: Int) -> Int { max(1, (k + gemmKC - 1) / gemmKC) }

    /// `x` rounded up to a multiple of `unit`.
    @inline(__always)
    static func gemmRoundUp(_ x: Int, _ unit: Int) -> Int { (x + unit - 1) / unit * unit }

    /// Runs the micro-kernel for a sliver of `rows` (12, 8 or 4) rows and 32 columns, or 16 if `narrow`.
    @inline(__always)
    static func gemmKernel(
        rows: Int, narrow: Bool, k: Int, a: UnsafePointer<Float>, b: UnsafePointer<Float>, ldb: Int,
        load: UnsafePointer<Float>?, ldLoad: Int,
        out: UnsafeMutablePointer<Float>, ldOut: Int, valid: Int, final: Bool, alpha: Float, beta: Float
    ) {
        if narrow {
            if rows == 12 {
                gemmKernel12x16(k: k, a: a, b: b, ldb: ldb, load: load, ldLoad: ldLoad,
                                out: out, ldOut: ldOut, valid: valid, final: final, alpha: alpha, beta: beta)
            } else if rows == 8 {
                gemmKernel8x16(k: k, a: a, b: b, ldb: ldb, load: load, ldLoad: ldLoad,
                               out: out, ldOut: ldOut, valid: valid, final: final, alpha: alpha, beta: beta)
            } else {
                gemmKernel4x16(k: k, a: a, b: b, ldb: ldb, load: load, ldLoad: ldLoad,
                               out: out, ldOut: ldOut, valid: valid, final: final, alpha: alpha, beta: beta)
            }
        } else if rows == 12 {
            gemmKernel12x32(k: k, a: a, b: b, ldb: ldb, load: load, ldLoad: ldLoad,
                            out: out, ldOut: ldOut, valid: valid, final: final, alpha: alpha, beta: beta)
        } else if rows == 8 {
            gemmKernel8x32(k: k, a: a, b: b, ldb: ldb, load: load, ldLoad: ldLoad,
                           out: out, ldOut: ldOut, valid: valid, final: final, alpha: alpha, beta: beta)
        } else {
            gemmKernel4x32(k: k, a: a, b: b, ldb: ldb, load: load, ldLoad: ldLoad,
                           out: out, ldOut: ldOut, valid: valid, final: final, alpha: alpha, beta: beta)
        }
    }

    /// The definition of ``gemm(transA:transB:m:n:k:alpha:a:lda:b:ldb:beta:c:ldc:workspace:)``: a naive loop
    /// with the canonical arithmetic, kept as the oracle for tests.
    static func gemmReference(
        transA: Bool, transB: Bool,
        m: Int, n: Int, k: Int,
        alpha: Float,
        a: UnsafePointer<Float>, lda: Int,
        b: UnsafePointer<Float>, ldb: Int,
        beta: Float,
        c: UnsafeMutablePointer<Float>, ldc: Int
    ) {
        for i in 0..<max(m, 0) {
            for j in 0..<max(n, 0) {
                var sum: Float = 0
                for p in 0..<max(k, 0) {
                    let av = transA ? a[p * lda + i] : a[i * lda + p]
                    let bv = transB ? b[j * ldb + p] : b[p * ldb + j]
                    sum = sum.addingProduct(av, bv)
                }
                let product = alpha == 1 ? sum : alpha * sum
                c[i * ldc + j] = beta == 0 ? product : product + beta * c[i * ldc + j]
            }
        }
    }

    /// Loads 16 floats from any address.
    @inline(__always)
    static func gemmLoad(_ p: UnsafePointer<Float>) -> SIMD16<Float> {
        UnsafeRawPointer(p).loadUnaligned(as: SIMD16<Float>.self)
    }

    /// Stores 16 floats to any address.
    @inline(__always)
    static func gemmStore(_ v: SIMD16<Float>, _ p: UnsafeMutablePointer<Float>) {
        UnsafeMutableRawPointer(p).storeBytes(of: v, as: SIMD16<Float>.self)
    }

    /// Stores `alpha · s + beta · c` over 16 floats of C, lane by lane the same operations as ``gemmFinish(_:_:alpha:beta:)``.
    @inline(__always)
    static func gemmStoreFinal(_ s: SIMD16<Float>, _ c: UnsafeMutablePointer<Float>, alpha: Float, beta: Float) {
        var x = alpha == 1 ? s : s * alpha
        if beta != 0 { x += gemmLoad(c) * beta }
        gemmStore(x, c)
    }

    /// The canonical finish of one element: `alpha · s + beta · c`, skipping the multiply when `alpha == 1` and
    /// never reading `c` when `beta == 0`.
    @inline(__always)
    static func gemmFinish(_ s: Float, _ c: UnsafeMutablePointer<Float>, alpha: Float, beta: Float) {
        var x = alpha == 1 ? s : s * alpha
        if beta != 0 { x += c.pointee * beta }
        c.pointee = x
    }
}
