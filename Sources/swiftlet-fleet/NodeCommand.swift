import ArgumentParser
import Foundation
import Logging
import SwiftletFleet
import SwiftletFleetNode
import SwiftletFleetProtocol
import SwiftletSimulation

/// `swiftlet-fleet node`: one device joining a fleet server.
struct NodeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "node",
        abstract: "Run a device node: join a fleet server and train on one partition of a dataset.",
        discussion: """
        The node pulls instructions from --server (a Swiftlet fleet server) or --flower (a Flower SuperLink, \
        flwr >= 1.40, whose ServerApp sends the model as NumPy arrays), trains the experiment's model on \
        partition --partition of --data (partitioned exactly as `swiftlet simulate` partitions it for the \
        same config and seed) and pushes its updates. It heartbeats, reconnects with backoff after network \
        drops or server restarts (a computed update is kept and pushed once the server is back) and \
        deactivates when the run is finished. Pass the server's config with --config so both agree on \
        model, data and partitioning (with --flower, a config whose model is the one the ServerApp sends).
        """
    )

    @Option(help: "The fleet server's URL, such as http://127.0.0.1:9092 or https://fleet.example:9092.")
    var server: String?

    @Option(help: ArgumentHelp(
        "A Flower SuperLink's Fleet API URL (flwr >= 1.40), such as http://127.0.0.1:9092: join a Flower federation.",
        discussion: "Replies carry .npy arrays named as the ServerApp named them; instead of --server."))
    var flower: String?

    @Option(name: .shortAndLong, help: "The experiment config (TOML; the server's config file works as is).")
    var config: String?

    @Option(help: "The dataset: a name (mnist, femnist, shakespeare, digits, speech-commands) or a path for data.path.")
    var data: String?

    @Option(help: "This node's partition, 0-based (Flower's partition-id).")
    var partition: Int

    @Option(help: "The node's private key (PEM or OpenSSH) for signed requests; without it a fresh key is generated.")
    var key: String?

    @Option(help: "CA certificates (PEM) to trust for the server's TLS certificate.")
    var rootCertificates: String?

    @Option(help: "A client certificate (PEM) for servers that require one.")
    var clientCertificate: String?

    @Option(help: "The client certificate's private key (PEM).")
    var clientKey: String?

    @Option(help: "Seconds between heartbeats.")
    var heartbeat: Double = 30

    @Option(help: "How the node's replies encode arrays: packed or f32le (Swiftlet servers), npy (Flower servers; the default with --flower).")
    var encoding: String?

    @Option(help: "The longest wait, in seconds, between two polls that found nothing (the wait doubles from 1 s up to it).")
    var pollMax: Double = 30

    @Flag(help: "Keep running after the run finishes, waiting for the next one.")
    var keepRunning = false

    @OptionGroup var logging: LoggingOptions

    /// The `--encoding` names.
    static let encodings: [String: ArrayEncoding] = ["packed": .swiftletPacked, "f32le": .swiftletF32LE, "npy": .npy]

    func run() async throws {
        AllocatorTuning.apply()
        _ = try logging.bootstrap()
        let logger = Logger(label: "swiftlet.fleet.node")
        var experiment: SimulationConfig
        if let config {
            experiment = try FleetServerConfig(contentsOfFile: config).experiment
        } else {
            experiment = SimulationConfig()
        }
        if let data {
            if let kind = DatasetKind(rawValue: data) {
                experiment.data.dataset = kind
                experiment.data.path = ""
            } else {
                experiment.data.path = data
            }
        }
        guard (server == nil) != (flower == nil) else {
            throw ValidationError("give exactly one of --server (a Swiftlet fleet server) and --flower (a Flower SuperLink)")
        }
        let url = server ?? flower!
        let encoding = self.encoding ?? (flower != nil ? "npy" : "packed")
        guard let arrayEncoding = Self.encodings[encoding] else {
            throw ValidationError("--encoding \(encoding): expected packed, f32le or npy")
        }
        if flower != nil, arrayEncoding != .npy {
            throw ValidationError("--encoding \(encoding): a Flower SuperLink's apps read .npy arrays only; use npy with --flower")
        }
        guard heartbeat >= 1, heartbeat <= 1_800 else { throw ValidationError("--heartbeat must be in 1...1800 seconds") }
        if flower != nil, heartbeat < 10 {
            throw ValidationError("--heartbeat \(heartbeat): a Flower SuperLink accepts heartbeat intervals of 10...1800 seconds")
        }
        guard pollMax >= 1, pollMax <= 3_600 else { throw ValidationError("--poll-max must be in 1...3600 seconds") }
        let share = try DevicePartition(config: experiment, index: partition)
        logger.info("data", metadata: ["partition": "\(share.description)"])
        let client = try share.makeClient()
        let nodeKey = try key.map { try NodeKeyFile.load($0) } ?? NodeKey.generate()
        var tls: HTTPFleetTransport.TLS?
        if rootCertificates != nil || clientCertificate != nil {
            tls = HTTPFleetTransport.TLS(
                trustRootsPEM: try rootCertificates.map { try String(contentsOfFile: $0, encoding: .utf8) },
                clientCertificatePEM: try clientCertificate.map { try String(contentsOfFile: $0, encoding: .utf8) },
                clientPrivateKeyPEM: try clientKey.map { try String(contentsOfFile: $0, encoding: .utf8) })
        }
        let transport = try HTTPFleetTransport(baseURL: url, tls: tls, signer: RequestSigner(key: nodeKey))
        var configuration = flower != nil ? FleetNodeConfiguration.flower : FleetNodeConfiguration()
        configuration.heartbeatInterval = heartbeat
        configuration.exitWhenRunFinished = !keepRunning
        configuration.arrayEncoding = arrayEncoding
        configuration.pollInterval = .seconds(1)...(.milliseconds(Int64((pollMax * 1000).rounded())))
        // A key generated for this process is never used again: leave no registration behind (as Flower's SuperNode).
        configuration.unregisterOnExit = key == nil
        let node = FleetNode(transport: transport, client: client, publicKey: nodeKey.publicKey.flowerBytes,
                             configuration: configuration, seed: experiment.seed &+ UInt64(partition), logger: logger)
        do {
            try await ProcessSetup.runCancellableBySignals { try await node.run() }
        } catch is CancellationError {
            logger.info("stopped")
        }
        await transport.shutdown()
        let stats = await node.stats
        print("node finished: \(stats)")
    }
}
