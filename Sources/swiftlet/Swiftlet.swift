import ArgumentParser

/// The `swiftlet` command: federated learning for edge devices.
@main
struct Swiftlet: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "swiftlet",
        abstract: "Federated learning for edge devices.",
        subcommands: []
    )
}
