import Foundation
import SwiftletData
import SwiftletNN
import SwiftletTensor

/// Trains a zoo model on MNIST on this machine and reports what happened: the job behind `swiftlet train`
/// and, until the federated simulator lands, `swiftlet simulate`.
struct CentralTraining {
    let options: TrainingOptions

    /// The figures of a finished run, written with `--json`.
    struct Summary: Codable {
        var model: String
        var parameters: Int
        var trainSamples: Int
        var testSamples: Int
        var epochs: [Epoch]
        var testAccuracy: Float
        var testLoss: Float
        var trainingSeconds: Double
        var samplesPerSecond: Double
        var threads: Int
        var seed: UInt64
        var peakTrainingMemoryBytes: Int

        struct Epoch: Codable {
            var epoch: Int
            var trainLoss: Float
            var trainAccuracy: Float
            var testLoss: Float
            var testAccuracy: Float
            var seconds: Double
        }
    }

    func run() throws {
        let directory = try options.data ?? BundledData.mnistDirectory()
        let clock = ContinuousClock()
        var started = clock.now
        let train = try MNIST.load(.train, from: directory, limit: options.trainLimit)
        let test = try MNIST.load(.test, from: directory)
        print("data      MNIST from \(directory): \(train.count) train / \(test.count) test samples (loaded in \(format(clock.now - started)))")

        let threads = options.threads ?? ComputePool.availableCores
        let pool = threads == 1 ? ComputePool.serial : ComputePool(threads: threads)
        let model = try Sequential(preset: options.model, seed: options.seed, pool: pool)
        let optimizer = SGD(learningRate: options.learningRate, momentum: options.momentum)
        print("model     \(options.model.rawValue): \(model.parameterCount.formatted()) parameters · SGD lr \(options.learningRate) momentum \(options.momentum) · batch \(options.batchSize) · \(threads) thread\(threads == 1 ? "" : "s") · seed \(options.seed)")

        var generator = SeededGenerator(seed: options.seed)
        var epochs: [Summary.Epoch] = []
        var trainingTime = Duration.zero
        for epoch in 1...options.epochs {
            started = clock.now
            let result = try model.fit(features: train.features, labels: train.labels, epochs: 1,
                                       batchSize: options.batchSize, optimizer: optimizer, generator: &generator)[0]
            let elapsed = clock.now - started
            trainingTime += elapsed
            let evaluation = try test.features.withUnsafeBufferPointer { x in
                try test.labels.withUnsafeBufferPointer { y in try model.evaluate(inputs: x, labels: y) }
            }
            epochs.append(.init(epoch: epoch, trainLoss: result.loss, trainAccuracy: result.accuracy,
                                testLoss: evaluation.loss, testAccuracy: evaluation.accuracy, seconds: seconds(elapsed)))
            print("epoch \(epoch)/\(options.epochs)  train loss \(fixed(result.loss, 4))  train acc \(percent(result.accuracy))  test loss \(fixed(evaluation.loss, 4))  test acc \(percent(evaluation.accuracy))  (\(format(elapsed)), \(Int((Double(train.count) / seconds(elapsed)).rounded())) samples/s)")
        }
        let memory = model.memoryReport(batchSize: options.batchSize, optimizer: optimizer)
        print(memory)
        if let path = options.saveModel {
            try model.saveSafetensors(to: URL(fileURLWithPath: path), metadata: ["preset": options.model.rawValue])
            print("saved     \(path)")
        }
        let last = epochs[epochs.count - 1]
        let total = seconds(trainingTime)
        let summary = Summary(
            model: options.model.rawValue, parameters: model.parameterCount, trainSamples: train.count,
            testSamples: test.count, epochs: epochs, testAccuracy: last.testAccuracy, testLoss: last.testLoss,
            trainingSeconds: total, samplesPerSecond: Double(train.count * options.epochs) / total,
            threads: threads, seed: options.seed, peakTrainingMemoryBytes: memory.peak)
        if let path = options.json { try writeJSON(summary, to: path) }
        print("done      test accuracy \(percent(last.testAccuracy)) after \(options.epochs) epoch\(options.epochs == 1 ? "" : "s"), \(fixed(Float(total), 1)) s of training")
    }
}

func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
}

func format(_ duration: Duration) -> String {
    let s = seconds(duration)
    return s < 1 ? "\(Int((s * 1000).rounded())) ms" : "\(fixed(Float(s), 2)) s"
}

func fixed(_ value: Float, _ digits: Int) -> String {
    String(format: "%.\(digits)f", Double(value))
}

func percent(_ value: Float) -> String {
    String(format: "%.2f%%", Double(value) * 100)
}

func writeJSON(_ value: some Encodable, to path: String) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    encoder.keyEncodingStrategy = .convertToSnakeCase
    let data = try encoder.encode(value)
    let url = URL(fileURLWithPath: path)
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try data.write(to: url)
}
