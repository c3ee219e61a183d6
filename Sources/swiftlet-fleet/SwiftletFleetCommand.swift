import ArgumentParser

/// The `swiftlet-fleet` command: a real Swiftlet server and device nodes over the network.
@main
struct SwiftletFleetCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "swiftlet-fleet",
        abstract: "Run a federation over the network: the fleet server, device nodes, node keys, the fleet benchmark.",
        discussion: """
        The server runs a federation from a TOML config (the `swiftlet simulate` format plus a [deployment] \
        table) and serves Flower's Fleet API (protobuf over HTTP POST /v1/fleet/<rpc>), keeping its state in \
        SQLite so a killed server resumes from the last completed round. Nodes pull instructions, train on \
        their partition and push updates, reconnecting with backoff. See docs/FLEET.md.
        """,
        subcommands: [ServerCommand.self, NodeCommand.self, KeysCommand.self, BenchCommand.self]
    )
}
