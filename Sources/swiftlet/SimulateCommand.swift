import ArgumentParser

/// `swiftlet simulate`: the main job. Until the federated simulator (issue #4) lands it trains centrally,
/// which is the baseline every federated run is compared against.
struct SimulateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Run the main job on the bundled MNIST data.",
        discussion: """
        The federated simulator is not in this build yet: `simulate` trains the model centrally (a single
        device holding all the data), the upper bound that federated runs are measured against.
        """
    )

    @OptionGroup var options: TrainingOptions

    func run() throws {
        print("simulate  central training baseline (the federated simulator arrives with issue #4)")
        try CentralTraining(options: options).run()
    }
}
