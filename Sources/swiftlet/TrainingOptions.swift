import ArgumentParser
import SwiftletNN

extension ModelPreset: ExpressibleByArgument {}

/// Options shared by the commands that train on the bundled MNIST data.
struct TrainingOptions: ParsableArguments {
    @Option(help: "Zoo model: \(ModelPreset.imageModels.map(\.rawValue).joined(separator: ", ")).")
    var model: ModelPreset = .lenet5

    @Option(help: "Passes over the training data.")
    var epochs: Int = 2

    @Option(help: "Samples per training step.")
    var batchSize: Int = 32

    @Option(help: "SGD learning rate.")
    var learningRate: Float = 0.02

    @Option(help: "SGD momentum.")
    var momentum: Float = 0.9

    @Option(help: "Seed for initialisation and shuffling; the same seed gives the same run.")
    var seed: UInt64 = 1

    @Option(help: "Threads for the kernels (results do not depend on it). Default: all cores.")
    var threads: Int?

    @Option(help: "Use only the first N training samples.")
    var trainLimit: Int?

    @Option(help: "Directory with the MNIST IDX files (raw or .gz). Default: the bundled Data/mnist.")
    var data: String?

    @Option(help: "Write the trained weights to this safetensors file.")
    var saveModel: String?

    @Option(help: "Write a JSON summary of the run to this file.")
    var json: String?

    func validate() throws {
        guard ModelPreset.imageModels.contains(model) else {
            throw ValidationError("model '\(model.rawValue)' does not take 28×28 images; choose one of \(ModelPreset.imageModels.map(\.rawValue))")
        }
        guard epochs > 0 else { throw ValidationError("--epochs must be positive") }
        guard batchSize > 0 && batchSize <= 65_536 else { throw ValidationError("--batch-size must be in 1...65536") }
        guard learningRate.isFinite && learningRate > 0 else { throw ValidationError("--learning-rate must be a positive number") }
        guard momentum.isFinite && momentum >= 0 && momentum < 1 else { throw ValidationError("--momentum must be in [0, 1)") }
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1") }
        if let trainLimit, trainLimit < 1 { throw ValidationError("--train-limit must be at least 1") }
    }
}

extension ModelPreset {
    /// The presets that take MNIST-shaped input.
    static let imageModels: [ModelPreset] = [.lenet5, .cnn, .twoNN]
}
