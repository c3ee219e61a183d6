import Foundation
import Testing
import SwiftletFleet
import SwiftletFleetProtocol
import SwiftletSimulation

@Suite struct FleetServerConfigTests {
    @Test func experimentKeysKeepTheirSimulationMeaning() throws {
        let config = try FleetServerConfig(toml: """
            rounds = 7
            seed = 42
            [model]
            preset = "2nn"
            [server]
            per-round = 3
            deadline = 45.0
            [partition]
            clients = 5
            """)
        #expect(config.experiment.rounds == 7)
        #expect(config.experiment.seed == 42)
        #expect(config.experiment.model.preset == .twoNN)
        #expect(config.experiment.server.perRound == 3)
        #expect(config.experiment.server.deadline == 45)
        #expect(config.deployment == DeploymentSettings())
    }

    @Test func deploymentTableIsRead() throws {
        let config = try FleetServerConfig(toml: """
            [deployment]
            host = "0.0.0.0"
            port = 9500
            database = "state/fleet.sqlite"
            run-name = "mnist-2nn"
            encoding = "npy"
            instruction-ttl = 600.0
            node-grace = 5.0
            max-body-bytes = 2048
            max-object-bytes = 4096
            request-timeout = 12.5
            spare-file-bytes = 0
            prepare-spare-files = false
            metrics = false
            results = "out"
            [deployment.tls]
            certificate = "server.pem"
            private-key = "server.key"
            client-ca = "ca.pem"
            [deployment.auth]
            authorized-keys = "keys.txt"
            """)
        let d = config.deployment
        #expect(d.host == "0.0.0.0")
        #expect(d.port == 9500)
        #expect(d.database == "state/fleet.sqlite")
        #expect(d.runName == "mnist-2nn")
        #expect(d.encoding == .npy)
        #expect(d.instructionTTL == 600)
        #expect(d.nodeGrace == 5)
        #expect(d.maxBodyBytes == 2_048)
        #expect(d.maxObjectBytes == 4_096)
        #expect(d.requestTimeout == 12.5)
        #expect(d.spareFileBytes == 0)
        #expect(d.prepareSpareFiles == false)
        #expect(d.metrics == false)
        #expect(d.results == "out")
        #expect(d.tls == .init(certificate: "server.pem", privateKey: "server.key", clientCA: "ca.pem"))
        #expect(d.authorizedKeys == "keys.txt")
    }

    @Test func misspeltDeploymentKeyIsNamed() {
        #expect(throws: ConfigError.unknownKeys(["deployment.prot"])) {
            try FleetServerConfig(toml: "[deployment]\nprot = 1\n")
        }
    }

    @Test func portOutOfRangeIsRefusedWithItsRange() {
        #expect(throws: ConfigError.invalidValue(path: "deployment.port", value: "70000", reason: "must be in 0...65535")) {
            try FleetServerConfig(toml: "[deployment]\nport = 70000\n")
        }
    }

    @Test func aNegativeSpareFileBudgetIsRefusedWithItsRange() {
        #expect(throws: ConfigError.invalidValue(path: "deployment.spare-file-bytes", value: "-1", reason: "must be in 0...1099511627776")) {
            try FleetServerConfig(toml: "[deployment]\nspare-file-bytes = -1\n")
        }
    }

    @Test func unknownEncodingIsRefused() {
        #expect(throws: ConfigError.invalidValue(path: "deployment.encoding", value: "\"f16\"", reason: "expected one of \"packed\", \"f32le\", \"npy\"")) {
            try FleetServerConfig(toml: "[deployment]\nencoding = \"f16\"\n")
        }
    }

    @Test func tlsWithoutKeyNamesTheMissingKey() {
        #expect(throws: ConfigError.missingKey(path: "deployment.tls.private-key")) {
            try FleetServerConfig(toml: "[deployment.tls]\ncertificate = \"c.pem\"\n")
        }
    }

    @Test func simulationRulesStillApply() {
        // per-round above the client count is a cross-field rule of SimulationConfig.validate().
        #expect(throws: ConfigError.self) {
            try FleetServerConfig(toml: "[partition]\nclients = 2\n[server]\nper-round = 3\n")
        }
    }

    @Test func theUplinkCodecBecomesTheRequestToNodes() throws {
        let config = try FleetServerConfig(toml: "[server]\nuplink-codec = \"topk:0.01+u8\"\nerror-feedback = true\n")
        #expect(config.uplink == UplinkCompression(codec: "topk:0.01+u8", errorFeedback: true))
    }

    @Test func float32UplinkAsksNodesForPlainArrays() throws {
        #expect(try FleetServerConfig(toml: "").uplink == nil)
    }

    @Test func anUnknownUplinkCodecIsRefusedNamingTheKey() throws {
        let error = #expect(throws: ConfigError.self) { try FleetServerConfig(toml: "[server]\nuplink-codec = \"zstd\"\n") }
        guard case .invalidValue(let path, let value, _)? = error else { Issue.record("\(String(describing: error))"); return }
        #expect(path == "server.uplink-codec" && value == "\"zstd\"")
    }

    @Test func aCompressedUplinkWithFlowerEncodingIsRefused() {
        #expect(throws: ConfigError.invalidValue(
            path: "server.uplink-codec", value: "\"sign\"",
            reason: "compressed updates need Swiftlet nodes; deployment.encoding = \"npy\" serves Flower nodes (use \"f32le\")")) {
            try FleetServerConfig(toml: "[server]\nuplink-codec = \"sign\"\n[deployment]\nencoding = \"npy\"\n")
        }
    }

    @Test func theDownlinkCodecBecomesTheRunsDownlink() throws {
        #expect(try FleetServerConfig(toml: "[server]\ndownlink-codec = \"topk:0.1+u8\"\n").downlink == "topk:0.1+u8")
        #expect(try FleetServerConfig(toml: "").downlink == nil)
    }

    @Test func aCompressedDownlinkWithFlowerEncodingIsRefused() {
        let error = #expect(throws: ConfigError.self) {
            try FleetServerConfig(toml: "[server]\ndownlink-codec = \"u8\"\n[deployment]\nencoding = \"npy\"\n")
        }
        guard case .invalidValue(let path, _, _)? = error else { Issue.record("\(String(describing: error))"); return }
        #expect(path == "server.downlink-codec")
    }

    @Test func theShippedCodecConfigIsTheMNISTDeploymentWithCompressedUpdates() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let plain = try FleetServerConfig(contentsOfFile: root.appendingPathComponent("configs/fleet-mnist.toml").path)
        let codecs = try FleetServerConfig(contentsOfFile: root.appendingPathComponent("configs/fleet-mnist-codecs.toml").path)
        #expect(codecs.uplink == UplinkCompression(codec: "topk:0.01+u8", errorFeedback: true))
        #expect(codecs.downlink == "u8")
        var same = codecs
        same.experiment.server = plain.experiment.server
        same.deployment.database = plain.deployment.database
        same.deployment.runName = plain.deployment.runName
        same.deployment.results = plain.deployment.results
        #expect(same == plain)
    }
}
