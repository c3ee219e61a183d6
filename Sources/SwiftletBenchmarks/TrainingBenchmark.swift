import SwiftletNN
import SwiftletTensor

/// One training-throughput figure: a model, a batch size, a thread count.
public struct TrainingMeasurement: Codable, Sendable {
    /// The zoo preset's name.
    public var model: String
    /// Samples per step.
    public var batch: Int
    /// Threads the kernels ran on.
    public var threads: Int
    /// Steps timed.
    public var steps: Int
    /// Seconds those steps took.
    public var seconds: Double
    /// Throughput.
    public var samplesPerSecond: Double
    /// The model's parameter count.
    public var parameters: Int
    /// Peak planned training memory (bytes) with the benchmark's SGD optimizer.
    public var peakMemoryBytes: Int

    enum CodingKeys: String, CodingKey {
        case model, batch, threads, steps, seconds, parameters
        case samplesPerSecond = "samples_per_second"
        case peakMemoryBytes = "peak_memory_bytes"
    }
}

extension BenchmarkSuite {
    /// Measures full training steps (forward, softmax cross-entropy, backward, SGD update) per second.
    ///
    /// Mirrors `bench/peers/torch_train.py`: synthetic inputs of the model's shape cycled over 8 batches,
    /// 5 warm-up steps, then steps until at least `minSeconds` have passed.
    public static func train(
        preset: ModelPreset, batch: Int, threads: Int, minSeconds: Double
    ) throws -> TrainingMeasurement {
        let pool = threads == 1 ? ComputePool.serial : ComputePool(threads: threads)
        let model = try Sequential(preset: preset, seed: 0, pool: pool)
        let optimizer = SGD(learningRate: 0.01)
        var generator = SeededGenerator(seed: 0)
        let batches = 8
        let inputSize = model.inputSize
        var inputs = [Float](repeating: 0, count: batches * batch * inputSize)
        for i in inputs.indices {
            inputs[i] = preset == .charlstm ? Float(generator.nextInt(below: 80)) : generator.nextUnitFloat()
        }
        let labels = (0..<(batches * batch)).map { _ in Int32(generator.nextInt(below: preset.classCount)) }
        let loss = SoftmaxCrossEntropy()
        let clock = ContinuousClock()
        return try inputs.withUnsafeBufferPointer { x in
            try labels.withUnsafeBufferPointer { y in
                func step(_ i: Int) throws {
                    let b = i % batches
                    try model.trainStep(
                        input: UnsafeBufferPointer(rebasing: x[(b * batch * inputSize)..<((b + 1) * batch * inputSize)]),
                        targets: UnsafeBufferPointer(rebasing: y[(b * batch)..<((b + 1) * batch)]),
                        batchSize: batch, loss: loss, optimizer: optimizer)
                }
                for i in 0..<5 { try step(i) }
                var steps = 0
                let start = clock.now
                var elapsed = 0.0
                repeat {
                    try step(steps)
                    steps += 1
                    elapsed = (clock.now - start).seconds
                } while elapsed < minSeconds || steps < 5
                return TrainingMeasurement(
                    model: preset.rawValue, batch: batch, threads: pool.threadCount, steps: steps, seconds: elapsed,
                    samplesPerSecond: Double(steps * batch) / elapsed, parameters: model.parameterCount,
                    peakMemoryBytes: model.memoryReport(batchSize: batch, optimizer: optimizer).peak)
            }
        }
    }
}
