import Foundation
import Testing
@testable import SwiftletSimulation

/// The example configs under `configs/` parse and build.
@Suite struct ShippedConfigTests {
    static func read(_ name: String) throws -> String {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        return try String(contentsOf: root.appendingPathComponent("configs/\(name)"), encoding: .utf8)
    }

    @Test func defaultConfigFileIsTheDefaultExperiment() throws {
        #expect(try SimulationConfig(toml: Self.read("default.toml")) == SimulationConfig.default)
    }

    @Test func loraWANKeywordSpottingConfigBuildsThirtyOneMicrocontrollers() throws {
        let config = try SimulationConfig(toml: Self.read("lorawan-kws.toml"))
        let experiment = try Experiment.build(config)
        #expect(experiment.setup.clients.count == 31)
        #expect(experiment.parameterCount == 8_332)
        #expect(experiment.setup.clients.allSatisfy { $0.device.name == "cortex-m7" })
        #expect(experiment.setup.clients[0].device.link.name.hasPrefix("LoRaWAN EU868 DR5"))
        #expect(try SimulationConfig(toml: config.toml()) == config)
    }
}
