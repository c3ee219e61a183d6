extension Kernels {
    /// `c[i·ldc + j] = Σ_p a[i·lda + p] · b[j·ldb + p]`, plus the old `c` when `accumulate`: every row of A
    /// dotted with every row of B, i.e. `A · Bᵀ` with both operands read along their contiguous rows.
    ///
    /// For a convolution's weight gradient, `dY[out, OH·OW] · col[C·k·k, OH·OW]ᵀ`, a GEMM would first
    /// transpose the column matrix into its packed layout; here both matrices are streamed as they are, in
    /// 4 × 4 blocks of dot products held in 16-lane registers (8 loads per 16 vector multiply–adds).
    ///
    /// Every element is computed the same way whatever block it falls in: 16 lane sums, each a fused
    /// multiply–add chain over `p ≡ lane (mod 16)` ascending; for `length ≥ 16` the `length mod 16` tail is
    /// one more vector step over the last 16 floats with the lanes already counted zeroed in A; the lanes
    /// are reduced by ``laneTotal(_:)`` (a row shorter than 16 is summed in order instead), then the old `c`
    /// is added last. So splitting rows or columns across threads gives bit-identical results.
    @inlinable
    public static func rowDotProducts(
        m: Int, n: Int, length: Int,
        a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
        accumulate: Bool, c: UnsafeMutablePointer<Float>, ldc: Int
    ) {
        let vectorEnd = length & ~15
        var i = 0
        while i + 4 <= m {
            var j = 0
            while j + 4 <= n {
                rowDotBlock4x4(length: length, vectorEnd: vectorEnd, a: a + i &* lda, lda: lda,
                               b: b + j &* ldb, ldb: ldb, accumulate: accumulate, c: c + (i &* ldc &+ j), ldc: ldc)
                j += 4
            }
            for r in i..<(i + 4) {
                for col in j..<n {
                    rowDot(length: length, vectorEnd: vectorEnd, a: a + r &* lda, b: b + col &* ldb,
                           accumulate: accumulate, c: c + (r &* ldc &+ col))
                }
            }
            i += 4
        }
        for r in i..<m {
            for col in 0..<n {
                rowDot(length: length, vectorEnd: vectorEnd, a: a + r &* lda, b: b + col &* ldb,
                       accumulate: accumulate, c: c + (r &* ldc &+ col))
            }
        }
    }

    /// Keeps the lanes of the last 16 floats of a row that the 16-float steps did not cover (all bits set),
    /// zeroes the others; from sign bits, as SIMD comparisons compile to a loop over the lanes.
    @inlinable @inline(__always)
    static func rowDotTailMask(length: Int, vectorEnd: Int) -> SIMD16<Int32> {
        let lanes = SIMD16<Int32>(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15)
        let d = lanes &- Int32(truncatingIfNeeded: 16 &- (length &- vectorEnd))
        return ~(d &>> 31)
    }

    /// `x` with the lanes cleared where `mask` is zero.
    @inlinable @inline(__always)
    static func masked(_ x: SIMD16<Float>, _ mask: SIMD16<Int32>) -> SIMD16<Float> {
        unsafeBitCast(unsafeBitCast(x, to: SIMD16<Int32>.self) & mask, to: SIMD16<Float>.self)
    }

    /// Loads 16 floats from any address.
    @inlinable @inline(__always)
    static func load16(_ p: UnsafePointer<Float>) -> SIMD16<Float> {
        UnsafeRawPointer(p).loadUnaligned(as: SIMD16<Float>.self)
    }

    /// The fixed reduction of 16 lane sums: halves added pairwise down to one float.
    @inlinable @inline(__always)
    public static func laneTotal(_ v: SIMD16<Float>) -> Float {
        let v8 = v.lowHalf + v.highHalf
        let v4 = v8.lowHalf + v8.highHalf
        let v2 = v4.lowHalf + v4.highHalf
        return v2[0] + v2[1]
    }

    /// Finishes one element: lane total, the tail of a row shorter than 16 in order, then the old value.
    @inlinable @inline(__always)
    static func rowDotFinish(
        _ lanes: SIMD16<Float>, length: Int, vectorEnd: Int, a: UnsafePointer<Float>, b: UnsafePointer<Float>,
        accumulate: Bool, c: UnsafeMutablePointer<Float>
    ) {
        var total = laneTotal(lanes)
        var p = length >= 16 ? length : vectorEnd
        while p < length {
            total = total.addingProduct(a[p], b[p])
            p &+= 1
        }
        c.pointee = accumulate ? c.pointee + total : total
    }

    /// One dot product, with the same operations as an element of ``rowDotBlock4x4``.
    @inlinable
    static func rowDot(
        length: Int, vectorEnd: Int, a: UnsafePointer<Float>, b: UnsafePointer<Float>,
        accumulate: Bool, c: UnsafeMutablePointer<Float>
    ) {
        var acc = SIMD16<Float>(repeating: 0)
        var p = 0
        while p < vectorEnd {
            acc = acc.addingProduct(load16(a + p), load16(b + p))
            p &+= 16
        }
        if length >= 16 && vectorEnd < length {
            let t = length &- 16, mask = rowDotTailMask(length: length, vectorEnd: vectorEnd)
            acc = acc.addingProduct(masked(load16(a + t), mask), load16(b + t))
        }
        rowDotFinish(acc, length: length, vectorEnd: vectorEnd, a: a, b: b, accumulate: accumulate, c: c)
    }

    /// Sixteen dot products: rows `a[0..<4]` against rows `b[0..<4]`.
    @inlinable
    static func rowDotBlock4x4(
        length: Int, vectorEnd: Int, a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
        accumulate: Bool, c: UnsafeMutablePointer<Float>, ldc: Int
    ) {
        let zero = SIMD16<Float>(repeating: 0)
        var c00 = zero, c01 = zero, c02 = zero, c03 = zero
        var c10 = zero, c11 = zero, c12 = zero, c13 = zero
        var c20 = zero, c21 = zero, c22 = zero, c23 = zero
        var c30 = zero, c31 = zero, c32 = zero, c33 = zero
        let a1 = a + lda, a2 = a + 2 &* lda, a3 = a + 3 &* lda
        let b1 = b + ldb, b2 = b + 2 &* ldb, b3 = b + 3 &* ldb
        var p = 0
        while p < vectorEnd {
            let x0 = load16(a + p), x1 = load16(a1 + p), x2 = load16(a2 + p), x3 = load16(a3 + p)
            let y0 = load16(b + p), y1 = load16(b1 + p), y2 = load16(b2 + p), y3 = load16(b3 + p)
            c00 = c00.addingProduct(x0, y0); c01 = c01.addingProduct(x0, y1)
            c02 = c02.addingProduct(x0, y2); c03 = c03.addingProduct(x0, y3)
            c10 = c10.addingProduct(x1, y0); c11 = c11.addingProduct(x1, y1)
            c12 = c12.addingProduct(x1, y2); c13 = c13.addingProduct(x1, y3)
            c20 = c20.addingProduct(x2, y0); c21 = c21.addingProduct(x2, y1)
            c22 = c22.addingProduct(x2, y2); c23 = c23.addingProduct(x2, y3)
            c30 = c30.addingProduct(x3, y0); c31 = c31.addingProduct(x3, y1)
            c32 = c32.addingProduct(x3, y2); c33 = c33.addingProduct(x3, y3)
            p &+= 16
        }
        if length >= 16 && vectorEnd < length {
            let t = length &- 16, mask = rowDotTailMask(length: length, vectorEnd: vectorEnd)
            let x0 = masked(load16(a + t), mask), x1 = masked(load16(a1 + t), mask)
            let x2 = masked(load16(a2 + t), mask), x3 = masked(load16(a3 + t), mask)
            let y0 = load16(b + t), y1 = load16(b1 + t), y2 = load16(b2 + t), y3 = load16(b3 + t)
            c00 = c00.addingProduct(x0, y0); c01 = c01.addingProduct(x0, y1)
            c02 = c02.addingProduct(x0, y2); c03 = c03.addingProduct(x0, y3)
            c10 = c10.addingProduct(x1, y0); c11 = c11.addingProduct(x1, y1)
            c12 = c12.addingProduct(x1, y2); c13 = c13.addingProduct(x1, y3)
            c20 = c20.addingProduct(x2, y0); c21 = c21.addingProduct(x2, y1)
            c22 = c22.addingProduct(x2, y2); c23 = c23.addingProduct(x2, y3)
            c30 = c30.addingProduct(x3, y0); c31 = c31.addingProduct(x3, y1)
            c32 = c32.addingProduct(x3, y2); c33 = c33.addingProduct(x3, y3)
        }
        let rowsA = (a, a1, a2, a3), rowsB = (b, b1, b2, b3)
        let sums = ((c00, c01, c02, c03), (c10, c11, c12, c13), (c20, c21, c22, c23), (c30, c31, c32, c33))
        rowDotFinishRow(sums.0, rowsA.0, rowsB, length: length, vectorEnd: vectorEnd, accumulate: accumulate, c: c)
        rowDotFinishRow(sums.1, rowsA.1, rowsB, length: length, vectorEnd: vectorEnd, accumulate: accumulate, c: c + ldc)
        rowDotFinishRow(sums.2, rowsA.2, rowsB, length: length, vectorEnd: vectorEnd, accumulate: accumulate,
                        c: c + 2 &* ldc)
        rowDotFinishRow(sums.3, rowsA.3, rowsB, length: length, vectorEnd: vectorEnd, accumulate: accumulate,
                        c: c + 3 &* ldc)
    }

    /// Finishes the four elements of one row of a 4 × 4 block.
    @inlinable @inline(__always)
    static func rowDotFinishRow(
        _ sums: (SIMD16<Float>, SIMD16<Float>, SIMD16<Float>, SIMD16<Float>), _ a: UnsafePointer<Float>,
        _ b: (UnsafePointer<Float>, UnsafePointer<Float>, UnsafePointer<Float>, UnsafePointer<Float>),
        length: Int, vectorEnd: Int, accumulate: Bool, c: UnsafeMutablePointer<Float>
    ) {
        rowDotFinish(sums.0, length: length, vectorEnd: vectorEnd, a: a, b: b.0, accumulate: accumulate, c: c)
        rowDotFinish(sums.1, length: length, vectorEnd: vectorEnd, a: a, b: b.1, accumulate: accumulate, c: c + 1)
        rowDotFinish(sums.2, length: length, vectorEnd: vectorEnd, a: a, b: b.2, accumulate: accumulate, c: c + 2)
        rowDotFinish(sums.3, length: length, vectorEnd: vectorEnd, a: a, b: b.3, accumulate: accumulate, c: c + 3)
    }
}
