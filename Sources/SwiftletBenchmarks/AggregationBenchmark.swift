import SwiftletFederated
import SwiftletNN
import SwiftletTensor

/// Server-side aggregation throughput against the machine's memory-copy bandwidth, measured in the same run.
///
/// FedAvg runs its real path — ``FedAvg/makeFitAggregator(round:global:pool:)``, one
/// ``WeightedAverageAggregator/add(_:)-(ClientUpdate)`` per update, ``FedAvg/aggregateFit(round:global:aggregator:summaries:failures:)``
/// — over `updates` updates of the `cnn` preset. The updates cycle through ``distinctUpdates`` distinct,
/// pre-generated vectors whose total size exceeds the last-level cache, so every `add` reads its update from
/// DRAM as a server receiving fresh updates would. Aggregation is memory-bound (one fused multiply–add per
/// 4 bytes read), so the yardstick is a plain copy of ``copyBytes`` (≥ 4× a 32 MiB L3) split over the same
/// threads; both figures count bytes read. Copy and FedAvg runs alternate, so noise from other work on the
/// machine hits both alike.
public struct AggregationBenchmark: Sendable {
    /// Updates FedAvg aggregates per run.
    public var updates: Int
    /// Updates the robust strategies aggregate per run.
    public var robustUpdates: Int
    /// Threads for the main figures; FedAvg and the copy are also measured on one thread.
    public var threads: Int
    /// Timed runs of FedAvg and of the copy (the copy gets at least 10); the robust strategies get at most 3.
    public var repeats: Int
    /// Whether to measure median, trimmed mean and Krum.
    public var includeRobust: Bool
    /// The zoo model whose parameter layout the updates have.
    public var preset: ModelPreset = .cnn
    /// Distinct update vectors FedAvg cycles through (16 × 6.65 MB = 106 MB for `cnn`).
    public var distinctUpdates = 16
    /// Bytes the copy moves per run.
    public var copyBytes = 256 << 20

    /// A benchmark with the given sizes.
    public init(updates: Int, robustUpdates: Int, threads: Int, repeats: Int, includeRobust: Bool) {
        self.updates = max(1, updates)
        self.robustUpdates = max(1, robustUpdates)
        self.threads = max(1, threads)
        self.repeats = max(1, repeats)
        self.includeRobust = includeRobust
    }

    /// Runs every measurement, printing a table as it goes.
    public func run() async throws -> AggregationReport {
        let global = try ArrayRecord(model: Sequential(preset: preset, seed: 0))
        print("Aggregation of \(preset.rawValue) updates (\(global.count) float32 = \(megabytes(global.byteCount)) MB each); "
              + "GB/s count bytes read")
        print(Self.header)
        var copies: [AggregationMeasurement] = []
        var fedAvgs: [AggregationMeasurement] = []
        let pool = makeVectors(count: distinctUpdates, length: global.count, seed: 1)
        for threadCount in threads == 1 ? [1] : [threads, 1] {
            let (copy, fedAvg) = try measureFedAvg(global: global, vectors: pool, threads: threadCount)
            print(Self.row(copy))
            print(Self.row(fedAvg))
            copies.append(copy)
            fedAvgs.append(fedAvg)
        }
        let engineRound = try await measureEngineRound(global: global, vectors: pool, threads: threads, copy: copies[0])
        print(Self.row(engineRound))
        var robust: [AggregationMeasurement] = []
        if includeRobust {
            robust = measureRobust(length: global.count, copy: copies[0])
            for m in robust { print(Self.row(m)) }
        }
        return AggregationReport(parameters: global.count, distinctUpdates: distinctUpdates, copyBytes: copyBytes,
                                 copy: copies, fedAvg: fedAvgs, engineRound: engineRound, robust: robust)
    }

    /// Alternates copy runs and FedAvg runs on `threads` threads; returns both measurements.
    func measureFedAvg(global: ArrayRecord, vectors: [[Float]], threads: Int) throws
        -> (copy: AggregationMeasurement, fedAvg: AggregationMeasurement) {
        let pool = threads == 1 ? ComputePool.serial : ComputePool(threads: threads)
        let clientUpdates = (0..<updates).map { i in
            ClientUpdate(node: NodeID(UInt64(i)), parameters: vectors[i % vectors.count], exampleCount: 10 + (i * 37) % 500)
        }
        let summaries = clientUpdates.map { FitSummary(node: $0.node, exampleCount: $0.exampleCount, metrics: [:]) }
        var strategy = FedAvg()
        func aggregate() throws -> FitAggregate {
            let aggregator = strategy.makeFitAggregator(round: 1, global: global, pool: pool)
            for update in clientUpdates { aggregator.add(update) }
            return try strategy.aggregateFit(round: 1, global: global, aggregator: aggregator,
                                             summaries: summaries, failures: [])
        }
        let floats = copyBytes / MemoryLayout<Float>.size
        let source = AlignedBuffer(count: floats)
        let destination = AlignedBuffer(count: floats)
        for i in stride(from: 0, to: floats, by: 1024) { source.baseAddress[i] = Float(i & 0xFFFF) }
        func copy() {
            pool.parallelChunks(floats, alignment: 1024) { _, range in
                UnsafeMutableRawPointer(destination.baseAddress + range.lowerBound)
                    .copyMemory(from: source.baseAddress + range.lowerBound, byteCount: range.count * 4)
            }
        }

        copy()
        let first = try aggregate()
        try check(first.parameters.values, clientUpdates)
        var copyTimes: [Double] = []
        var fedAvgTimes: [Double] = []
        let clock = ContinuousClock()
        for _ in 0..<repeats {
            for _ in 0..<max(1, 10 / repeats) { copyTimes.append(clock.measure(copy).seconds) }
            var result: FitAggregate?
            fedAvgTimes.append((try clock.measure { result = try aggregate() }).seconds)
            precondition(result?.parameters.count == global.count)
        }
        while copyTimes.count < 10 { copyTimes.append(clock.measure(copy).seconds) }
        let copyMeasurement = AggregationMeasurement(name: "copy", threads: pool.threadCount, updates: 0, parameters: 0,
                                                     bytesRead: copyBytes, times: copyTimes)
        let fedAvg = AggregationMeasurement(name: "FedAvg", threads: pool.threadCount, updates: updates,
                                            parameters: global.count, bytesRead: updates * global.byteCount,
                                            times: fedAvgTimes, copy: copyMeasurement)
        return (copyMeasurement, fedAvg)
    }

    /// Checks a few elements of FedAvg's result against a serial reference with the same operation order.
    func check(_ result: [Float], _ updates: [ClientUpdate]) throws(AggregationBenchmarkError) {
        let count = result.count
        let total = updates.reduce(0.0) { $0 + Double($1.exampleCount) }
        for index in [0, 1, count / 3, count / 2 + 7, count - 1] {
            var sum: Float = 0
            for update in updates { sum = sum.addingProduct(update.parameters[index], Float(update.exampleCount)) }
            let expected = sum * Float(1 / total)
            guard result[index] == expected else {
                throw .wrongResult(index: index, expected: expected, actual: result[index])
            }
        }
    }

    /// `count` distinct vectors of `length` uniform values in `-1…1`, from a fixed seed.
    func makeVectors(count: Int, length: Int, seed: UInt64) -> [[Float]] {
        (0..<count).map { row in
            var generator = SeededGenerator(seed: seed).split(stream: UInt64(row))
            return [Float](unsafeUninitializedCapacity: length) { buffer, initialized in
                for i in 0..<length { buffer[i] = generator.nextFloat(in: -1...1) }
                initialized = length
            }
        }
    }
}

/// The benchmark's own result check failed: an aggregation is wrong, so its speed means nothing.
public enum AggregationBenchmarkError: Error, Equatable, CustomStringConvertible {
    /// Element `index` of the aggregate differs from the serial reference.
    case wrongResult(index: Int, expected: Float, actual: Float)
    /// The engine round accepted fewer updates than nodes answered.
    case engineRoundIncomplete(accepted: Int, expected: Int)

    /// What differed, for people.
    public var description: String {
        switch self {
        case let .wrongResult(index, expected, actual):
            "aggregate element \(index) is \(actual), the serial reference gives \(expected)"
        case let .engineRoundIncomplete(accepted, expected):
            "the engine round accepted \(accepted) of \(expected) updates"
        }
    }
}
