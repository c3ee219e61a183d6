import SwiftletTensor

extension Aggregation {
    /// Rows per side of a register tile of the distance kernel: 4 × 4 pairs share 8 vector loads.
    static let distanceTile = 4
    /// Coordinates of every row copied into a task's scratch at a time (4 KB a row, 400 KB for 100 rows:
    /// the block is read from memory once and reused from L2 by every pair).
    static let distanceBlock = 1024
    /// Coordinates each lane sums in `Float` before the partial sum joins the pair's `Double` total
    /// (32 terms a lane: relative error ≤ ~2·10⁻⁶, far below what decides a Krum ranking).
    static let distanceSpan = 512

    /// The `n × n` matrix of squared Euclidean distances between `rows`, row-major, symmetric, zero diagonal.
    ///
    /// The distances Krum and Bulyan rank updates by, computed once. Differences are taken in `Float` and
    /// squared-summed in `Float` over spans of 512 coordinates, then accumulated in `Double`. Work is split
    /// over `pool` by pairs of rows — every pair is summed by one thread in a fixed order — so the matrix does
    /// not depend on the thread count. Rows must be non-empty, of equal length and finite.
    public static func pairwiseSquaredDistances(_ rows: [[Float]], pool: ComputePool = .serial) -> [Double] {
        let n = rows.count
        guard n > 1 else { return [Double](repeating: 0, count: n * n) }
        let width = rows[0].count
        for (index, row) in rows.enumerated() {
            precondition(row.count == width, "pairwiseSquaredDistances: row \(index) has \(row.count) values, row 0 has \(width)")
        }
        let tiles = (n + distanceTile - 1) / distanceTile
        var tilePairs: [(Int, Int)] = []
        for i in 0..<tiles { for j in i..<tiles { tilePairs.append((i, j)) } }
        var matrix = [Double](repeating: 0, count: n * n)
        matrix.withUnsafeMutableBufferPointer { output in
            let destination = output.baseAddress!
            pool.parallelChunks(tilePairs.count, workPerItem: max(1, 2 * width)) { _, range in
                distanceTask(rows, tilePairs: tilePairs[range], width: width, into: destination)
            }
        }
        return matrix
    }

    /// Sums the squared distances of every row pair in `tilePairs` into `matrix`, block by block.
    private static func distanceTask(_ rows: [[Float]], tilePairs: ArraySlice<(Int, Int)>, width: Int,
                                     into matrix: UnsafeMutablePointer<Double>) {
        let n = rows.count
        let blockStride = distanceBlock
        let scratch = UnsafeMutablePointer<Float>.allocate(capacity: n * blockStride)
        defer { scratch.deallocate() }
        let sums = UnsafeMutablePointer<Double>.allocate(capacity: tilePairs.count * 16)
        defer { sums.deallocate() }
        sums.initialize(repeating: 0, count: tilePairs.count * 16)
        // The rows this task's tiles touch; other rows are not copied.
        var used = [Bool](repeating: false, count: n)
        for (a, b) in tilePairs {
            for x in 0..<distanceTile {
                if a * distanceTile + x < n { used[a * distanceTile + x] = true }
                if b * distanceTile + x < n { used[b * distanceTile + x] = true }
            }
        }
        var blockStart = 0
        while blockStart < width {
            let blockCount = min(distanceBlock, width - blockStart)
            let padded = (blockCount + 15) / 16 * 16
            for r in 0..<n where used[r] {
                rows[r].withUnsafeBufferPointer { row in
                    let target = scratch + r * blockStride
                    target.update(from: row.baseAddress! + blockStart, count: blockCount)
                    (target + blockCount).update(repeating: 0, count: padded - blockCount)
                }
            }
            var spanStart = 0
            while spanStart < padded {
                let spanCount = min(distanceSpan, padded - spanStart)
                for (p, (a, b)) in tilePairs.enumerated() {
                    // Rows past the end stand in as the last row; their pairs are never stored.
                    func row(_ tile: Int, _ x: Int) -> UnsafePointer<Float> {
                        UnsafePointer(scratch + min(tile * distanceTile + x, n - 1) * blockStride + spanStart)
                    }
                    squaredDistanceTile(row(a, 0), row(a, 1), row(a, 2), row(a, 3),
                                        row(b, 0), row(b, 1), row(b, 2), row(b, 3),
                                        count: spanCount, into: sums + p * 16)
                }
                spanStart += spanCount
            }
            blockStart += blockCount
        }
        for (p, (a, b)) in tilePairs.enumerated() {
            for x in 0..<distanceTile {
                for y in 0..<distanceTile {
                    let i = a * distanceTile + x, j = b * distanceTile + y
                    guard i < j, j < n else { continue }
                    matrix[i * n + j] = sums[p * 16 + x * 4 + y]
                    matrix[j * n + i] = sums[p * 16 + x * 4 + y]
                }
            }
        }
    }

    /// Adds `Σ_c (a_x[c] − b_y[c])²` over `count` coordinates (a multiple of 16) to `sums[4x + y]`.
    ///
    /// A 4 × 4 register tile: 8 loads feed 16 subtract–FMA pairs, so the loop runs on arithmetic, not on
    /// loads. Each lane sums in `Float`; the lanes are totalled in `Double` before joining `sums`.
    @inline(__always)
    private static func squaredDistanceTile(_ a0: UnsafePointer<Float>, _ a1: UnsafePointer<Float>,
                                            _ a2: UnsafePointer<Float>, _ a3: UnsafePointer<Float>,
                                            _ b0: UnsafePointer<Float>, _ b1: UnsafePointer<Float>,
                                            _ b2: UnsafePointer<Float>, _ b3: UnsafePointer<Float>,
                                            count: Int, into sums: UnsafeMutablePointer<Double>) {
        typealias V = SIMD16<Float>
        func load(_ p: UnsafePointer<Float>, _ c: Int) -> V { UnsafeRawPointer(p + c).loadUnaligned(as: V.self) }
        var s00 = V(), s01 = V(), s02 = V(), s03 = V(), s10 = V(), s11 = V(), s12 = V(), s13 = V()
        var s20 = V(), s21 = V(), s22 = V(), s23 = V(), s30 = V(), s31 = V(), s32 = V(), s33 = V()
        var c = 0
        while c < count {
            let x0 = load(a0, c), x1 = load(a1, c), x2 = load(a2, c), x3 = load(a3, c)
            let y0 = load(b0, c), y1 = load(b1, c), y2 = load(b2, c), y3 = load(b3, c)
            var d = x0 - y0; s00.addProduct(d, d)
            d = x0 - y1; s01.addProduct(d, d)
            d = x0 - y2; s02.addProduct(d, d)
            d = x0 - y3; s03.addProduct(d, d)
            d = x1 - y0; s10.addProduct(d, d)
            d = x1 - y1; s11.addProduct(d, d)
            d = x1 - y2; s12.addProduct(d, d)
            d = x1 - y3; s13.addProduct(d, d)
            d = x2 - y0; s20.addProduct(d, d)
            d = x2 - y1; s21.addProduct(d, d)
            d = x2 - y2; s22.addProduct(d, d)
            d = x2 - y3; s23.addProduct(d, d)
            d = x3 - y0; s30.addProduct(d, d)
            d = x3 - y1; s31.addProduct(d, d)
            d = x3 - y2; s32.addProduct(d, d)
            d = x3 - y3; s33.addProduct(d, d)
            c += 16
        }
        func total(_ s: V) -> Double { (SIMD8<Double>(s.lowHalf) + SIMD8<Double>(s.highHalf)).sum() }
        sums[0] += total(s00); sums[1] += total(s01); sums[2] += total(s02); sums[3] += total(s03)
        sums[4] += total(s10); sums[5] += total(s11); sums[6] += total(s12); sums[7] += total(s13)
        sums[8] += total(s20); sums[9] += total(s21); sums[10] += total(s22); sums[11] += total(s23)
        sums[12] += total(s30); sums[13] += total(s31); sums[14] += total(s32); sums[15] += total(s33)
    }
}
