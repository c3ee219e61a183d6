import ArgumentParser

/// `swiftlet federate`: a federation of in-process clients on MNIST, through the real round engine.
struct FederateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "federate",
        abstract: "Run federated learning on MNIST with in-process clients and any strategy.",
        discussion: """
        Splits the training set across --clients clients (non-IID label shards by default), runs --rounds \
        rounds of the chosen strategy sampling --per-round clients each, evaluates the global model on the \
        test set after every round and prints the history. Clients train concurrently on all cores; the \
        same seed gives the same history whatever the core count. Devices, radio links and energy arrive \
        with the simulator (`swiftlet simulate`, issue #4).
        """
    )

    @OptionGroup var options: FederateOptions

    func run() async throws {
        try await FederatedRun(options: options).run()
    }
}
