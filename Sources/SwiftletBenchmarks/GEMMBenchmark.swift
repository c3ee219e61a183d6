import SwiftletTensor

/// The speed of one square matrix product `C = A · B` (single precision, no transposes).
public struct GEMMMeasurement: Codable, Sendable {
    /// `m = n = k`.
    public var size: Int
    /// The number of threads ``ComputePool`` split the product over.
    public var threads: Int
    /// The best wall-clock time of one product over the repetitions, in seconds.
    public var seconds: Double
    /// `2 · size³ / seconds / 10⁹`.
    public var gflops: Double

    /// Creates a measurement.
    public init(size: Int, threads: Int, seconds: Double, gflops: Double) {
        self.size = size
        self.threads = threads
        self.seconds = seconds
        self.gflops = gflops
    }
}

extension BenchmarkSuite {
    /// Times `Kernels.gemm` (through `ComputePool.gemm`) on square products and prints a table.
    ///
    /// For each size: random operands from a fixed seed, one warm-up call, then `repetitions` timed runs of
    /// enough back-to-back calls that the size takes at least about 0.2 s in all; the best run's time per
    /// call is reported, as the least disturbed by other work on the machine.
    public static func gemm(sizes: [Int], threads: Int, repetitions: Int) -> [GEMMMeasurement] {
        let pool = ComputePool(threads: threads)
        let repetitions = max(1, repetitions)
        var results: [GEMMMeasurement] = []
        print("GEMM (float32, C = A·B, square), threads: \(pool.threadCount)")
        print(pad("size", 6) + pad("seconds", 14) + pad("GFLOPS", 10))
        for size in sizes where size > 0 {
            var generator = SeededGenerator(seed: UInt64(size))
            let a = AlignedBuffer(count: size * size)
            let b = AlignedBuffer(count: size * size)
            let c = AlignedBuffer(count: size * size)
            for i in 0..<size * size {
                a.baseAddress[i] = generator.nextFloat(in: -1...1)
                b.baseAddress[i] = generator.nextFloat(in: -1...1)
            }
            let workspace = AlignedBuffer(count: pool.gemmWorkspaceCount(m: size, n: size, k: size))
            let run = {
                pool.gemm(transA: false, transB: false, m: size, n: size, k: size, alpha: 1,
                          a: a.baseAddress, lda: size, b: b.baseAddress, ldb: size, beta: 0,
                          c: c.baseAddress, ldc: size, workspace: workspace.baseAddress)
            }
            let clock = ContinuousClock()
            let warmUp = clock.measure(run).seconds
            let calls = max(1, Int((0.2 / Double(repetitions) / max(warmUp, 1e-9)).rounded(.up)))
            var best = Double.infinity
            for _ in 0..<repetitions {
                let elapsed = clock.measure { for _ in 0..<calls { run() } }
                best = min(best, elapsed.seconds / Double(calls))
            }
            let flops = 2 * Double(size) * Double(size) * Double(size)
            let measurement = GEMMMeasurement(size: size, threads: pool.threadCount, seconds: best,
                                              gflops: flops / best / 1e9)
            print(pad("\(size)", 6) + pad(format(best, 9), 14) + pad(format(measurement.gflops, 1), 10))
            results.append(measurement)
        }
        return results
    }


    /// `x` with `decimals` digits after the point, without Foundation.
    private static func format(_ x: Double, _ decimals: Int) -> String {
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let scaled = Int((x * scale).rounded())
        let whole = scaled / Int(scale)
        let fraction = String(scaled % Int(scale))
        if decimals == 0 { return String(whole) }
        return "\(whole)." + String(repeating: "0", count: decimals - fraction.count) + fraction
    }

    /// `text` right-aligned in a column of `width` characters.
    private static func pad(_ text: String, _ width: Int) -> String {
        String(repeating: " ", count: max(0, width - text.count)) + text
    }
}
