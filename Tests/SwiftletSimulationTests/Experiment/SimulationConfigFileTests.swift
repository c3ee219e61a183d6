import Foundation
import Testing
@testable import SwiftletSimulation

/// Config files: read with the file named in errors, written back complete.
@Suite struct SimulationConfigFileTests {
    @Test func writtenFileReadsBackEqual() throws {
        let directory = NSTemporaryDirectory() + "swiftlet-config-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var config = SimulationConfig.default
        config.rounds = 3
        config.strategy.name = .fedprox
        config.strategy.options = ["proximal-mu": 0.5]
        try config.write(toFile: directory + "/run/config.toml")
        #expect(try SimulationConfig(contentsOfFile: directory + "/run/config.toml") == config)
    }

    @Test func errorInAFileNamesTheFileAndTheKey() throws {
        let file = NSTemporaryDirectory() + "swiftlet-config-\(UUID().uuidString).toml"
        defer { try? FileManager.default.removeItem(atPath: file) }
        try Data("[server]\ndeadlin = 3\n".utf8).write(to: URL(fileURLWithPath: file))
        #expect(throws: ExperimentError.configFile(file: file, reason: "unknown key 'server.deadlin'")) {
            try SimulationConfig(contentsOfFile: file)
        }
    }

    @Test func missingFileIsReported() {
        let error = #expect(throws: ExperimentError.self) { try SimulationConfig(contentsOfFile: "/nonexistent/swiftlet.toml") }
        guard case .configFile(let file, _)? = error else { Issue.record("expected a config file error"); return }
        #expect(file == "/nonexistent/swiftlet.toml")
    }
}
