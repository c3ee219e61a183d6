import Foundation
import SwiftletFederated
import SwiftletFleetProtocol
import SwiftletSimulation

/// A deployment's config file: the simulation format plus a `[deployment]` table.
///
/// ```toml
/// rounds = 20
/// [model]
/// preset = "2nn"
/// [server]
/// per-round = 10
/// deadline = 120.0
/// [strategy]
/// name = "fedavg"
/// [deployment]
/// port = 9092
/// database = "fleet.sqlite"
/// [deployment.auth]
/// authorized-keys = "authorized_keys"
/// ```
///
/// The same file configures the nodes (`swiftlet-fleet node --config`): they read the model, data, partition and
/// client keys, so server and devices agree on the architecture and on who holds which partition.
public struct FleetServerConfig: Sendable, Equatable {
    /// The experiment: model, data, partition, strategy, rounds, sampling, deadlines and evaluation.
    public var experiment: SimulationConfig
    /// Where and how the server runs.
    public var deployment: DeploymentSettings

    /// Creates a config from its parts.
    public init(experiment: SimulationConfig = SimulationConfig(), deployment: DeploymentSettings = DeploymentSettings()) {
        self.experiment = experiment
        self.deployment = deployment
    }

    /// Reads a config from TOML text; absent keys take their defaults.
    /// - Throws: ``ConfigError`` naming the key path: syntax, unknown keys, wrong types, values out of range.
    public init(toml text: String) throws(ConfigError) {
        let root = try ConfigReader(toml: text)
        let experiment = try SimulationConfig(reading: root)
        let deployment = try root.table("deployment").map { (r) throws(ConfigError) in try Self.readDeployment(r) }
        try root.finish()
        try experiment.validate()
        self.init(experiment: experiment, deployment: deployment ?? DeploymentSettings())
        try validateCodecs()
    }

    /// The uplink compression the server asks its nodes for: `nil` for `server.uplink-codec = "f32le"`
    /// (plain arrays), otherwise the codec and `server.error-feedback`.
    public var uplink: UplinkCompression? {
        let server = experiment.server
        guard server.uplinkCodec != Float32Codec().identifier else { return nil }
        return UplinkCompression(codec: server.uplinkCodec, errorFeedback: server.errorFeedback)
    }

    /// The codec specification the server sends models through as deltas: `nil` for
    /// `server.downlink-codec = "f32le"` (the whole model every round).
    public var downlink: String? {
        let codec = experiment.server.downlinkCodec
        return codec == Float32Codec().identifier ? nil : codec
    }

    /// Compressed updates travel between Swiftlet peers only: NumPy arrays mean Flower nodes, which send
    /// plain arrays and would not understand the instruction's codec entries.
    func validateCodecs() throws(ConfigError) {
        guard deployment.encoding == .npy else { return }
        for (key, spec) in [("server.uplink-codec", experiment.server.uplinkCodec), ("server.downlink-codec", experiment.server.downlinkCodec)]
        where spec != Float32Codec().identifier {
            throw .invalidValue(path: key, value: "\"\(spec)\"",
                                reason: "compressed updates need Swiftlet nodes; deployment.encoding = \"npy\" serves Flower nodes (use \"f32le\")")
        }
    }

    /// Reads a config file.
    /// - Throws: ``ExperimentError/configFile(file:reason:)`` naming the file and what is wrong in it.
    public init(contentsOfFile path: String) throws(ExperimentError) {
        self = try SimulationConfig.readFile(path) { text throws(ConfigError) in try FleetServerConfig(toml: text) }
    }

    static func readDeployment(_ r: ConfigReader) throws(ConfigError) -> DeploymentSettings {
        var d = DeploymentSettings()
        d.host = try r.string("host") ?? d.host
        guard !d.host.isEmpty else { throw r.invalid("host", .string(d.host), "must name an address") }
        d.port = try r.int("port", default: d.port, in: 0...65_535)
        d.database = try r.string("database") ?? d.database
        guard !d.database.isEmpty else { throw r.invalid("database", .string(""), "must name a file") }
        d.runName = try r.string("run-name") ?? d.runName
        guard !d.runName.isEmpty, d.runName.count <= 200 else {
            throw r.invalid("run-name", .string(d.runName), "must be 1 to 200 characters")
        }
        if let name = try r.string("encoding") {
            switch name {
            case "packed": d.encoding = .swiftletPacked
            case "f32le": d.encoding = .swiftletF32LE
            case "npy": d.encoding = .npy
            default: throw r.invalid("encoding", .string(name), "expected one of \"packed\", \"f32le\", \"npy\"")
            }
        }
        d.instructionTTL = try r.double("instruction-ttl", default: d.instructionTTL, "in [1, 604800] seconds") { $0 >= 1 && $0 <= 604_800 }
        d.nodeGrace = try r.double("node-grace", default: d.nodeGrace, "in [0, 86400] seconds") { $0 >= 0 && $0 <= 86_400 }
        d.maxBodyBytes = try r.int("max-body-bytes", default: d.maxBodyBytes, in: 1_024...(1 << 30))
        d.maxObjectBytes = try r.int("max-object-bytes", default: d.maxObjectBytes, in: 1_024...(1 << 30))
        d.spareFileBytes = try r.int("spare-file-bytes", default: d.spareFileBytes, in: 0...(1 << 40))
        d.prepareSpareFiles = try r.bool("prepare-spare-files") ?? d.prepareSpareFiles
        d.requestTimeout = try r.double("request-timeout", default: d.requestTimeout, "in [1, 3600] seconds") { $0 >= 1 && $0 <= 3_600 }
        d.metrics = try r.bool("metrics") ?? d.metrics
        d.results = try r.string("results") ?? d.results
        if let t = try r.table("tls") {
            let certificate = try t.required(try t.string("certificate"), "certificate")
            let key = try t.required(try t.string("private-key"), "private-key")
            let ca = try t.string("client-ca")
            d.tls = .init(certificate: certificate, privateKey: key, clientCA: ca?.isEmpty == true ? nil : ca)
        }
        if let a = try r.table("auth") {
            d.authorizedKeys = try a.required(try a.string("authorized-keys"), "authorized-keys")
        }
        return d
    }
}
