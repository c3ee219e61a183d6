/// Keeps the `k` values of largest magnitude (`topk:<fraction>`), ties going to the lower index.
///
/// Top-k sparsification with the dropped remainder fed back (``ErrorFeedback``) is the sparsified SGD with
/// memory of Stich, Cordonnier and Jaggi ("Sparsified SGD with Memory", NeurIPS 2018), which converges at
/// the rate of plain SGD, and the core of Deep Gradient Compression (Lin et al., ICLR 2018), which sends
/// 0.1% of an update without loss of accuracy. It is biased, so use it with error feedback.
///
/// Selection never sorts the vector: a strided sample of 4,096 magnitudes estimates, by quickselect, a
/// threshold a little below the k-th largest (DGC's sampling); one pass collects the candidates above it —
/// comparing IEEE bit patterns 16 lanes at a time, so a NaN counts as the largest and is sent for the
/// receiver to reject — and a quickselect over the candidates finds the exact k-th magnitude. If the estimate overshoots (fewer
/// than `k` candidates) the threshold is lowered and the pass repeated, down to taking every value. The
/// result is exact and deterministic; the indices come out sorted.
enum TopKSparsifier {
    /// The count `fraction` of `count` keeps: at least one of a non-empty vector, at most all.
    static func keptCount(fraction: Double, count: Int) -> Int {
        guard count > 0 else { return 0 }
        return Swift.min(count, Swift.max(1, Int((fraction * Double(count)).rounded(.up))))
    }

    /// The sorted positions of the `k` largest magnitudes of `values`.
    static func select(_ values: UnsafeBufferPointer<Float>, k: Int) -> [Int] {
        let n = values.count
        guard k < n else { return Array(0..<n) }
        guard k > 0 else { return [] }
        let sampleSize = Swift.min(n, 4096)
        var sample = (0..<sampleSize).map { magnitudeBits(values[$0 * n / sampleSize]) }
        // Samples expected above the k-th largest, plus a margin of three standard deviations: the estimate
        // falls short (and the pass is repeated lower) with probability ≈ 10⁻⁴.
        let expected = Double(k) * Double(sampleSize) / Double(n)
        var rank = Int((expected * 1.1 + 3 * expected.squareRoot() + 2).rounded(.up))
        while true {
            let threshold: UInt32 = rank < sampleSize ? kthLargest(&sample, k: rank + 1) : 0
            let candidates = collect(values, atLeast: threshold)
            if candidates.positions.count >= k { return exact(candidates, k: k) }
            rank *= 2
        }
    }

    /// A float's magnitude as an integer that orders like the magnitude (NaN above infinity).
    @inline(__always)
    static func magnitudeBits(_ value: Float) -> UInt32 { value.bitPattern & 0x7FFF_FFFF }

    /// Positions whose magnitude bits are at least `threshold`, in order, with those magnitude bits.
    static func collect(_ values: UnsafeBufferPointer<Float>, atLeast threshold: UInt32) -> (positions: [Int], magnitudes: [UInt32]) {
        let n = values.count
        var positions: [Int] = []
        var magnitudes: [UInt32] = []
        guard n > 0 else { return (positions, magnitudes) }
        let base = UnsafeRawPointer(values.baseAddress!)
        let limit = SIMD16<UInt32>(repeating: threshold)
        let mask = SIMD16<UInt32>(repeating: 0x7FFF_FFFF)
        let laneBits = SIMD16<UInt32>(1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096, 8192, 16384, 32768)
        var i = 0
        while i + 16 <= n {
            let lanes = base.loadUnaligned(fromByteOffset: i * 4, as: SIMD16<UInt32>.self) & mask
            let hits = lanes .>= limit
            if any(hits) {
                // The hit lanes as a 16-bit mask, visited lowest first.
                var bits = SIMD16<UInt32>(repeating: 0).replacing(with: laneBits, where: hits).wrappedSum()
                while bits != 0 {
                    let lane = bits.trailingZeroBitCount
                    positions.append(i + lane)
                    magnitudes.append(lanes[lane])
                    bits &= bits - 1
                }
            }
            i += 16
        }
        while i < n {
            let m = magnitudeBits(values[i])
            if m >= threshold {
                positions.append(i)
                magnitudes.append(m)
            }
            i += 1
        }
        return (positions, magnitudes)
    }

    /// The `k` largest of `candidates` (at least `k`, sorted by position), ties to the lower position.
    static func exact(_ candidates: (positions: [Int], magnitudes: [UInt32]), k: Int) -> [Int] {
        var scratch = candidates.magnitudes
        let kth = kthLargest(&scratch, k: k)
        var above = 0
        for m in candidates.magnitudes where m > kth { above += 1 }
        var ties = k - above
        var kept: [Int] = []
        kept.reserveCapacity(k)
        for (position, m) in zip(candidates.positions, candidates.magnitudes) {
            if m > kth {
                kept.append(position)
            } else if m == kth, ties > 0 {
                kept.append(position)
                ties -= 1
            }
        }
        return kept
    }

    /// The k-th largest element (1-based) of `values`, which it reorders: Hoare's quickselect with a
    /// median-of-three pivot.
    static func kthLargest(_ values: inout [UInt32], k: Int) -> UInt32 {
        let target = k - 1
        var low = 0, high = values.count - 1
        while low < high {
            let middle = low + (high - low) / 2
            // Median of three, descending order.
            if values[middle] > values[low] { values.swapAt(middle, low) }
            if values[high] > values[low] { values.swapAt(high, low) }
            if values[high] > values[middle] { values.swapAt(high, middle) }
            let pivot = values[middle]
            var i = low, j = high
            while i <= j {
                while values[i] > pivot { i += 1 }
                while values[j] < pivot { j -= 1 }
                if i <= j {
                    values.swapAt(i, j)
                    i += 1
                    j -= 1
                }
            }
            if target <= j {
                high = j
            } else if target >= i {
                low = i
            } else {
                return values[target]
            }
        }
        return values[target]
    }
}
