import SwiftletFederated
import SwiftletTensor

/// The robust strategies' aggregation maths, which must hold every update at once.
extension AggregationBenchmark {
    /// Times coordinate-wise median, trimmed mean (10% cut at each end) and Krum (f = 10%, one selected)
    /// over ``robustUpdates`` distinct updates on ``threads`` threads.
    ///
    /// GB/s is the updates' size over the time, as for FedAvg, although these read each update more than once
    /// (Krum computes all n(n−1)/2 pairwise distances).
    func measureRobust(length: Int, copy: AggregationMeasurement) -> [AggregationMeasurement] {
        let pool = threads == 1 ? ComputePool.serial : ComputePool(threads: threads)
        let rows = makeVectors(count: robustUpdates, length: length, seed: 2)
        let bytes = robustUpdates * length * MemoryLayout<Float>.size
        let runs = min(repeats, 3)
        let byzantine = max(0, min(robustUpdates / 10, (robustUpdates - 3) / 2))
        var sink: Float = 0
        func time(_ name: String, _ body: () -> Float) -> AggregationMeasurement {
            let clock = ContinuousClock()
            var times: [Double] = []
            for _ in 0..<runs {
                times.append(clock.measure { sink += body() }.seconds)
            }
            return AggregationMeasurement(name: name, threads: pool.threadCount, updates: robustUpdates,
                                          parameters: length, bytesRead: bytes, times: times, copy: copy)
        }
        let median = time("median") { Aggregation.coordinateMedian(rows, pool: pool)[0] }
        let trimmed = time("trimmed mean") { Aggregation.trimmedMean(rows, trimFraction: 0.1, pool: pool)[0] }
        let krum = time("Krum") {
            Float(Aggregation.krumSelect(rows, byzantineCount: byzantine, selectionCount: 1, pool: pool)[0])
        }
        precondition(!sink.isNaN, "robust aggregation produced NaN")
        return [median, trimmed, krum]
    }
}
