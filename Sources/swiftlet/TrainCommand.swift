import ArgumentParser

/// `swiftlet train`: trains a zoo model centrally on MNIST.
struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train a zoo model on MNIST on this machine (one device holding all the data)."
    )

    @OptionGroup var options: TrainingOptions

    func run() throws {
        try CentralTraining(options: options).run()
    }
}
