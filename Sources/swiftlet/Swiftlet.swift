import ArgumentParser

/// The `swiftlet` command: federated learning for edge devices.
@main
struct Swiftlet: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "swiftlet",
        abstract: "Federated learning for edge devices.",
        discussion: """
        Start with `swiftlet simulate`, which trains on the bundled MNIST data; `swiftlet federate` runs
        federated learning across in-process clients with any strategy. `swiftlet bench` measures
        throughput against PyTorch; `swiftlet model` creates, inspects and sizes zoo models.
        """,
        subcommands: [SimulateCommand.self, FederateCommand.self, TrainCommand.self, LinksCommand.self, BenchCommand.self, ModelCommand.self]
    )
}
