import SwiftletTensor

extension Aggregation {
    /// The length of the fixed blocks that reductions are summed in, whatever the thread count.
    static let reductionBlockLength = 4096

    /// `sum[i] += scale × (a[i] − b[i])` for `i` in `0..<count`; returns `Σ (a[i] − b[i])²`.
    ///
    /// The streaming core of q-FedAvg (which needs the squared distance of each update from the global model)
    /// and SCAFFOLD (which sums the model deltas). The update is read once. The squared distance is a
    /// reduction, so it is summed in fixed blocks of ``reductionBlockLength`` values (in `Double`), and the
    /// block sums are added in block order: the work is split over `pool` by whole blocks, never inside one,
    /// so the result does not depend on the thread count.
    @discardableResult
    public static func accumulateDifference(_ a: UnsafePointer<Float>, minus b: UnsafePointer<Float>, scale: Float,
                                            into sum: UnsafeMutablePointer<Float>, count: Int,
                                            pool: ComputePool = .serial) -> Double {
        let length = reductionBlockLength
        let blocks = (count + length - 1) / length
        return withUnsafeTemporaryAllocation(of: Double.self, capacity: max(blocks, 1)) { partials in
            let partial = partials.baseAddress!
            // Two loads, a subtraction, a fused multiply–add and a widened square per value.
            pool.parallelChunks(blocks, workPerItem: length * 4) { _, range in
                for block in range {
                    let start = block * length
                    partial[block] = accumulateDifferenceBlock(a + start, b + start, scale: scale, into: sum + start,
                                                               count: min(length, count - start))
                }
            }
            var total = 0.0
            for block in 0..<blocks { total += partial[block] }
            return total
        }
    }

    /// One block of ``accumulateDifference(_:minus:scale:into:count:pool:)``: always the same operations
    /// in the same order for the same `count`, which is what makes the total independent of the split.
    @inline(__always)
    private static func accumulateDifferenceBlock(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, scale: Float,
                                                  into sum: UnsafeMutablePointer<Float>, count: Int) -> Double {
        let scaleVector = SIMD8<Float>(repeating: scale)
        var lanes = SIMD8<Double>()
        var i = 0
        while i + 8 <= count {
            let av = UnsafeRawPointer(a + i).loadUnaligned(as: SIMD8<Float>.self)
            let bv = UnsafeRawPointer(b + i).loadUnaligned(as: SIMD8<Float>.self)
            let sv = UnsafeRawPointer(sum + i).loadUnaligned(as: SIMD8<Float>.self)
            let difference = av - bv
            UnsafeMutableRawPointer(sum + i).storeBytes(of: sv.addingProduct(difference, scaleVector), as: SIMD8<Float>.self)
            let wide = SIMD8<Double>(difference)
            lanes = lanes.addingProduct(wide, wide)
            i += 8
        }
        var total = lanes.sum()
        while i < count {
            let difference = a[i] - b[i]
            sum[i] = sum[i].addingProduct(difference, scale)
            total += Double(difference) * Double(difference)
            i += 1
        }
        return total
    }
}
