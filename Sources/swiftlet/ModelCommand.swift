import ArgumentParser
import Foundation
import SwiftletNN

/// `swiftlet model`: create, inspect and size zoo models.
struct ModelCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "model",
        abstract: "Create, inspect and size zoo models and safetensors weight files.",
        subcommands: [ModelInitCommand.self, ModelInspectCommand.self, ModelSummaryCommand.self]
    )
}

/// `swiftlet model init`: writes a freshly initialised zoo model as safetensors.
struct ModelInitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init", abstract: "Write a freshly initialised zoo model to a safetensors file.")

    @Option(help: "Zoo model: \(ModelPreset.allCases.map(\.rawValue).joined(separator: ", ")).")
    var preset: ModelPreset

    @Option(help: "Initialisation seed.")
    var seed: UInt64 = 0

    @Option(help: "Where to write the safetensors file.")
    var output: String

    func run() throws {
        let model = try Sequential(preset: preset, seed: seed)
        try model.saveSafetensors(to: URL(fileURLWithPath: output), metadata: ["preset": preset.rawValue, "seed": String(seed)])
        print("wrote \(output): \(preset.rawValue), \(model.parameterCount) parameters in \(model.safetensorsFile().tensors.count) tensors")
    }
}

/// `swiftlet model inspect`: validates a safetensors file and lists its tensors.
struct ModelInspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Validate a safetensors file and list its tensors; with --preset, check it loads into that model.")

    @Argument(help: "A safetensors file.")
    var file: String

    @Option(help: "Also load the weights into this zoo model (names and shapes must match).")
    var preset: ModelPreset?

    func run() throws {
        let contents = try SafetensorsFile(contentsOf: URL(fileURLWithPath: file))
        print("\(file): \(contents.tensors.count) tensors")
        var total = 0
        for tensor in contents.tensors {
            total += tensor.scalars.count
            print("  \(pad(tensor.name, 24)) \(pad(tensor.dtype.rawValue, 5)) \(tensor.shape)")
        }
        print("  \(total) values")
        if !contents.metadata.isEmpty {
            print("  metadata: " + contents.metadata.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ", "))
        }
        if let preset {
            let model = try Sequential(preset: preset)
            try model.loadParameters(from: contents, fileName: file)
            print("loads into \(preset.rawValue): ok")
        }
    }
}

/// `swiftlet model summary`: layers, parameter counts and the training-memory report.
struct ModelSummaryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "summary", abstract: "Print a zoo model's layers, parameters and training memory.")

    enum Trainable: String, ExpressibleByArgument, CaseIterable {
        case all, biases, last1, last2
    }

    @Option(help: "Zoo model.")
    var preset: ModelPreset

    @Option(help: "Batch size for the memory report.")
    var batchSize = 10

    @Option(help: "What trains: all, biases (TinyTL), last1, last2 (last k layers with parameters).")
    var trainable: Trainable = .all

    @Option(help: "Optimizer whose state is counted: sgd, momentum, adam.")
    var optimizer = "sgd"

    func run() throws {
        guard (1...65_536).contains(batchSize) else { throw ValidationError("--batch-size must be in 1...65536") }
        let model = try Sequential(preset: preset)
        switch trainable {
        case .all: break
        case .biases: try model.applyMask(.biasesOnly)
        case .last1: try model.applyMask(.lastLayers(1))
        case .last2: try model.applyMask(.lastLayers(2))
        }
        let chosen: any Optimizer
        switch optimizer {
        case "sgd": chosen = SGD(learningRate: 0.01)
        case "momentum": chosen = SGD(learningRate: 0.01, momentum: 0.9)
        case "adam": chosen = Adam(learningRate: 0.001)
        default: throw ValidationError("unknown optimizer '\(optimizer)'; choose sgd, momentum or adam")
        }
        print("\(preset.rawValue): input \(preset.inputShape), \(preset.classCount) classes")
        for (index, layer) in model.layers.enumerated() {
            print("  \(pad(layer.name, 10)) \(pad(layer.summary, 34)) → \(pad("\(model.shapes[index + 1])", 16)) \(lpad("\(layer.parameterCount)", 10))")
        }
        print("  parameters \(model.parameterCount), trainable \(model.trainableParameterCount)")
        print(model.memoryReport(batchSize: batchSize, optimizer: chosen))
    }
}
