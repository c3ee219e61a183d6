import Testing
import SwiftletFleet
import SwiftletSimulation

@Suite struct DevicePartitionTests {
    static func config() throws -> SimulationConfig {
        try SimulationConfig(toml: """
            seed = 5
            [data]
            dataset = "digits"
            [partition]
            scheme = "dirichlet"
            alpha = 0.5
            clients = 8
            [server]
            per-round = 2
            [model]
            preset = "mlp"
            """)
    }

    @Test func partitionHoldsTheSimulatedClientsData() throws {
        let config = try Self.config()
        let share = try DevicePartition(config: config, index: 3)
        let simulated = try Experiment.build(config).setup.clients[3]
        let expected = try simulated.training.materialize()
        #expect(share.count == 8)
        #expect(share.training.count == expected.count)
        #expect(share.training.labels == expected.labels)
        #expect(share.seed == simulated.seed)
    }

    @Test func indexPastTheLastPartitionIsRefused() throws {
        #expect(throws: DevicePartitionError(index: 8, count: 8)) {
            try DevicePartition(config: try Self.config(), index: 8)
        }
    }

    @Test func clientTrainsTheExperimentsArchitecture() async throws {
        let share = try DevicePartition(config: try Self.config(), index: 0)
        let client = try share.makeClient()
        #expect(await client.trainingSet.count == share.training.count)
    }
}
