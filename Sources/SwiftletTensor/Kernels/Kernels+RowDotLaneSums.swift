extension Kernels {
    /// The 16 lane sums of every dot product of ``rowDotProducts(m:n:length:a:lda:b:ldb:accumulate:c:ldc:)``,
    /// continued from the sums already in `lanes` when `accumulate`, and left unreduced.
    ///
    /// Element `(i, j)` owns `lanes[(i·n + j)·16 ..< +16]`. Summing many products (a convolution's weight
    /// gradient over the samples of a batch) this way reduces the lanes once, with
    /// ``rowDotLaneTotals(count:lanes:into:)``, instead of once per product: for LeNet-5's second convolution
    /// (rows of 100 floats) the per-sample reductions cost as much as the multiply–adds. Each lane is one
    /// fused multiply–add chain through all the products in call order, with the row tails taken as in
    /// ``rowDotProducts(m:n:length:a:lda:b:ldb:accumulate:c:ldc:)``, so any split of the rows or columns
    /// across threads gives bit-identical sums. Requires `length ≥ 16`.
    @inlinable
    public static func rowDotLaneSums(
        m: Int, n: Int, length: Int,
        a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
        accumulate: Bool, lanes: UnsafeMutablePointer<Float>
    ) {
        var i = 0
        while i + 4 <= m {
            var j = 0
            while j + 4 <= n {
                rowDotLaneBlock4x4(length: length, a: a + i &* lda, lda: lda, b: b + j &* ldb, ldb: ldb,
                                   accumulate: accumulate, lanes: lanes + (i &* n &+ j) &* 16, rowStride: n &* 16)
                j += 4
            }
            for r in i..<(i + 4) {
                for col in j..<n {
                    rowDotLaneSingle(length: length, a: a + r &* lda, b: b + col &* ldb, accumulate: accumulate,
                                     lanes: lanes + (r &* n &+ col) &* 16)
                }
            }
            i += 4
        }
        for r in i..<m {
            for col in 0..<n {
                rowDotLaneSingle(length: length, a: a + r &* lda, b: b + col &* ldb, accumulate: accumulate,
                                 lanes: lanes + (r &* n &+ col) &* 16)
            }
        }
    }

    /// `c[e] = laneTotal(lanes[e·16 ..< e·16 + 16])` for `e` in `0..<count`.
    @inlinable
    public static func rowDotLaneTotals(count: Int, lanes: UnsafePointer<Float>, into c: UnsafeMutablePointer<Float>) {
        for e in 0..<count { c[e] = laneTotal(load16(lanes + e &* 16)) }
    }

    /// One element's lane chains: 16-float steps, then the masked tail step.
    @inlinable
    static func rowDotLaneSingle(
        length: Int, a: UnsafePointer<Float>, b: UnsafePointer<Float>, accumulate: Bool,
        lanes: UnsafeMutablePointer<Float>
    ) {
        let vectorEnd = length & ~15
        var acc = accumulate ? load16(lanes) : SIMD16<Float>(repeating: 0)
        var p = 0
        while p < vectorEnd {
            acc = acc.addingProduct(load16(a + p), load16(b + p))
            p &+= 16
        }
        if vectorEnd < length {
            let t = length &- 16, mask = rowDotTailMask(length: length, vectorEnd: vectorEnd)
            acc = acc.addingProduct(masked(load16(a + t), mask), load16(b + t))
        }
        UnsafeMutableRawPointer(lanes).storeBytes(of: acc, as: SIMD16<Float>.self)
    }

    /// Sixteen elements' lane chains: rows `a[0..<4]` against rows `b[0..<4]`, the same operations per
    /// element as ``rowDotLaneSingle(length:a:b:accumulate:lanes:)``.
    @inlinable
    static func rowDotLaneBlock4x4(
        length: Int, a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
        accumulate: Bool, lanes: UnsafeMutablePointer<Float>, rowStride: Int
    ) {
        let vectorEnd = length & ~15
        let l0 = lanes, l1 = lanes + rowStride, l2 = lanes + 2 &* rowStride, l3 = lanes + 3 &* rowStride
        let zero = SIMD16<Float>(repeating: 0)
        var c00 = accumulate ? load16(l0) : zero, c01 = accumulate ? load16(l0 + 16) : zero
        var c02 = accumulate ? load16(l0 + 32) : zero, c03 = accumulate ? load16(l0 + 48) : zero
        var c10 = accumulate ? load16(l1) : zero, c11 = accumulate ? load16(l1 + 16) : zero
        var c12 = accumulate ? load16(l1 + 32) : zero, c13 = accumulate ? load16(l1 + 48) : zero
        var c20 = accumulate ? load16(l2) : zero, c21 = accumulate ? load16(l2 + 16) : zero
        var c22 = accumulate ? load16(l2 + 32) : zero, c23 = accumulate ? load16(l2 + 48) : zero
        var c30 = accumulate ? load16(l3) : zero, c31 = accumulate ? load16(l3 + 16) : zero
        var c32 = accumulate ? load16(l3 + 32) : zero, c33 = accumulate ? load16(l3 + 48) : zero
        let a1 = a + lda, a2 = a + 2 &* lda, a3 = a + 3 &* lda
        let b1 = b + ldb, b2 = b + 2 &* ldb, b3 = b + 3 &* ldb
        var p = 0
        var mask = SIMD16<Int32>(repeating: -1)
        while true {
            if p >= vectorEnd {
                if p >= length { break }
                // The tail: the last 16 floats, lanes already counted zeroed in A.
                p = length &- 16
                mask = rowDotTailMask(length: length, vectorEnd: vectorEnd)
            }
            let x0 = masked(load16(a + p), mask), x1 = masked(load16(a1 + p), mask)
            let x2 = masked(load16(a2 + p), mask), x3 = masked(load16(a3 + p), mask)
            let y0 = load16(b + p), y1 = load16(b1 + p), y2 = load16(b2 + p), y3 = load16(b3 + p)
            c00 = c00.addingProduct(x0, y0); c01 = c01.addingProduct(x0, y1)
            c02 = c02.addingProduct(x0, y2); c03 = c03.addingProduct(x0, y3)
            c10 = c10.addingProduct(x1, y0); c11 = c11.addingProduct(x1, y1)
            c12 = c12.addingProduct(x1, y2); c13 = c13.addingProduct(x1, y3)
            c20 = c20.addingProduct(x2, y0); c21 = c21.addingProduct(x2, y1)
            c22 = c22.addingProduct(x2, y2); c23 = c23.addingProduct(x2, y3)
            c30 = c30.addingProduct(x3, y0); c31 = c31.addingProduct(x3, y1)
            c32 = c32.addingProduct(x3, y2); c33 = c33.addingProduct(x3, y3)
            p = p >= vectorEnd ? length : p &+ 16
        }
        store16(c00, l0); store16(c01, l0 + 16); store16(c02, l0 + 32); store16(c03, l0 + 48)
        store16(c10, l1); store16(c11, l1 + 16); store16(c12, l1 + 32); store16(c13, l1 + 48)
        store16(c20, l2); store16(c21, l2 + 16); store16(c22, l2 + 32); store16(c23, l2 + 48)
        store16(c30, l3); store16(c31, l3 + 16); store16(c32, l3 + 32); store16(c33, l3 + 48)
    }

    /// Stores 16 floats to any address.
    @inlinable @inline(__always)
    static func store16(_ v: SIMD16<Float>, _ p: UnsafeMutablePointer<Float>) {
        UnsafeMutableRawPointer(p).storeBytes(of: v, as: SIMD16<Float>.self)
    }
}
