/// A fixed sequence of compare–exchanges that sorts `count` values, applied to 16 coordinates at once.
///
/// Batcher's odd–even merge sort (K. E. Batcher, "Sorting networks and their applications", AFIPS 1968) for
/// the next power of two, with every comparator that touches a wire at or above `count` removed: padding
/// wires would hold +∞, and a comparator whose upper wire holds +∞ changes nothing, so the pruned network
/// still sorts `count` values. Comparators that cannot influence the wanted outputs are removed too (a
/// median needs one or two wires, not the whole order).
///
/// Why a network rather than quickselect: the robust aggregators select among the n values of each of
/// millions of coordinates. A network has no data-dependent branches, so 16 coordinates go through it in
/// the lanes of one `SIMD16<Float>`, several times faster than a branchy selection per coordinate for the
/// n ≤ a few hundred clients of a round, and every lane sees the same operations whatever the thread count.
struct SortingNetwork: Sendable {
    /// One compare–exchange: afterwards `low` holds the smaller value and `high` the larger.
    struct Comparator: Sendable, Equatable {
        var low: Int32
        var high: Int32
    }

    /// The number of wires (values sorted).
    let count: Int
    /// The compare–exchanges, in order.
    let comparators: [Comparator]

    /// A network after which wires `outputs` hold the values of those ranks among `count` inputs.
    ///
    /// Wires outside `outputs` end up holding the other values in no particular order; for `outputs` equal
    /// to `0..<count` it is a full sort.
    init(count: Int, outputs: Range<Int>) {
        precondition(count >= 0 && outputs.lowerBound >= 0 && outputs.upperBound <= count, "SortingNetwork: bad outputs")
        self.count = count
        var padded = 1
        while padded < count { padded *= 2 }
        var all: [Comparator] = []
        // Batcher's odd–even merge sort: merge sorted runs of length p into runs of 2p, comparing at
        // distances k = p, p/2, …, 1 only within each 2p run.
        var p = 1
        while p < padded {
            var k = p
            while k >= 1 {
                var j = k % p
                while j + k < padded {
                    for i in 0..<min(k, padded - j - k) where (i + j) / (2 * p) == (i + j + k) / (2 * p) {
                        let high = i + j + k
                        if high < count { all.append(Comparator(low: Int32(i + j), high: Int32(high))) }
                    }
                    j += 2 * k
                }
                k /= 2
            }
            p *= 2
        }
        // Backward pass: keep a comparator only if a wire it writes is still needed downstream.
        var needed = [Bool](repeating: false, count: count)
        for wire in outputs { needed[wire] = true }
        var kept: [Comparator] = []
        for comparator in all.reversed() where needed[Int(comparator.low)] || needed[Int(comparator.high)] {
            needed[Int(comparator.low)] = true
            needed[Int(comparator.high)] = true
            kept.append(comparator)
        }
        comparators = kept.reversed()
    }

    /// Runs the network over `values[0..<count]`, each lane an independent list of `count` values.
    func apply(_ values: UnsafeMutablePointer<SIMD16<Float>>) {
        comparators.withUnsafeBufferPointer { network in
            for comparator in network {
                let a = values[Int(comparator.low)], b = values[Int(comparator.high)]
                // A compare and two blends: the standard library's `pointwiseMin`/`pointwiseMax` follow IEEE
                // `minimum` NaN rules lane by lane and measured 20× slower (64 ns against 3 ns a comparator).
                let swap = b .< a
                values[Int(comparator.low)] = a.replacing(with: b, where: swap)
                values[Int(comparator.high)] = b.replacing(with: a, where: swap)
            }
        }
    }
}
