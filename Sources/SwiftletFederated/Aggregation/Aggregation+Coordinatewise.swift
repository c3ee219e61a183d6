import SwiftletTensor

extension Aggregation {
    /// Coordinates gathered per row and call when transposing rows into lanes: 16 lane groups of 16.
    ///
    /// Each row is read 1 KB at a time (one `withUnsafeBufferPointer` per row and block, not per coordinate),
    /// and the block's scratch (`16 × n` vectors, 100 KB for 100 rows) stays in the L2 cache.
    static let coordinateBlock = 256

    /// Applies `reduce` to every coordinate's column of values, 16 coordinates at a time, in parallel.
    ///
    /// For each group of 16 consecutive coordinates, `reduce` receives `rows.count` vectors — vector `r`
    /// holds row `r`'s values at those coordinates, lane `l` the coordinate `start + l` — which it may
    /// reorder freely, and returns the 16 results. Lanes past the end of the rows are zero-filled and their
    /// results dropped. Coordinates are split over `pool` in whole groups, and each lane's computation is
    /// the same whichever chunk or lane it falls in, so the result does not depend on the thread count.
    /// Scratch is allocated once per chunk.
    ///
    /// - Parameter workPerCoordinate: an estimate of `reduce`'s cost per coordinate, to decide whether
    ///   spreading over threads pays.
    static func mapCoordinates(_ rows: [[Float]], pool: ComputePool, workPerCoordinate: Int,
                               _ reduce: (UnsafeMutablePointer<SIMD16<Float>>) -> SIMD16<Float>) -> [Float] {
        let n = rows.count
        let width = rows[0].count
        for (index, row) in rows.enumerated() {
            precondition(row.count == width, "Aggregation: row \(index) has \(row.count) values, row 0 has \(width)")
        }
        return [Float](unsafeUninitializedCapacity: width) { output, initialized in
            let destination = output.baseAddress!
            pool.parallelChunks(width, alignment: coordinateBlock, workPerItem: max(1, workPerCoordinate)) { _, range in
                let groupsPerBlock = coordinateBlock / 16
                let scratch = UnsafeMutablePointer<SIMD16<Float>>.allocate(capacity: groupsPerBlock * n)
                defer { scratch.deallocate() }
                var blockStart = range.lowerBound
                while blockStart < range.upperBound {
                    let blockCount = min(coordinateBlock, range.upperBound - blockStart)
                    let groups = (blockCount + 15) / 16
                    for r in 0..<n {
                        rows[r].withUnsafeBufferPointer { row in
                            let source = row.baseAddress! + blockStart
                            for g in 0..<groups {
                                let lanes = min(16, blockCount - 16 * g)
                                var vector = SIMD16<Float>()
                                if lanes == 16 {
                                    vector = UnsafeRawPointer(source + 16 * g).loadUnaligned(as: SIMD16<Float>.self)
                                } else {
                                    for l in 0..<lanes { vector[l] = source[16 * g + l] }
                                }
                                scratch[g * n + r] = vector
                            }
                        }
                    }
                    for g in 0..<groups {
                        let result = reduce(scratch + g * n)
                        let lanes = min(16, blockCount - 16 * g)
                        let target = destination + blockStart + 16 * g
                        if lanes == 16 {
                            UnsafeMutableRawPointer(target).storeBytes(of: result, as: SIMD16<Float>.self)
                        } else {
                            for l in 0..<lanes { target[l] = result[l] }
                        }
                    }
                    blockStart += blockCount
                }
            }
            initialized = width
        }
    }

    /// The lane-wise mean of `values[range]`, accumulated in `Double` in wire order.
    static func laneMean(_ values: UnsafeMutablePointer<SIMD16<Float>>, _ range: Range<Int>) -> SIMD16<Float> {
        var low = SIMD8<Double>(), high = SIMD8<Double>()
        for i in range {
            low += SIMD8<Double>(values[i].lowHalf)
            high += SIMD8<Double>(values[i].highHalf)
        }
        let scale = 1 / Double(range.count)
        return SIMD16<Float>(lowHalf: SIMD8<Float>(low * scale), highHalf: SIMD8<Float>(high * scale))
    }
}
