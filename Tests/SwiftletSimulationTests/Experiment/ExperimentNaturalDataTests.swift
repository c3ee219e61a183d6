import Testing
@testable import SwiftletSimulation

/// Naturally split datasets build one client per speaker, and memory checks count the optimizer's state.
@Suite struct ExperimentNaturalDataTests {
    @Test func speechCommandsSplitsBySpeakerForKWS() throws {
        let experiment = try Experiment.build(try SimulationConfig(toml: """
            [data]
            dataset = "speech-commands"
            [partition]
            scheme = "natural"
            clients = 5
            [model]
            preset = "kws"
            [server]
            per-round = 2
            """))
        #expect(experiment.setup.clients.count == 5)
        #expect(try experiment.setup.makeModel(0).outputSize == 12)
        #expect(experiment.partitionReport?.clientCount == 5)
    }

    @Test func shakespeareBuildsTheCharacterLSTMOverItsFirstSpeaker() throws {
        let experiment = try Experiment.build(try SimulationConfig(toml: """
            [data]
            dataset = "shakespeare"
            train-limit = 2000
            test-limit = 200
            [partition]
            scheme = "natural"
            clients = 1
            [model]
            preset = "charlstm"
            [server]
            per-round = 1
            """))
        #expect(experiment.parameterCount == 817_872)
        #expect(experiment.test.count == 200)
        #expect(try experiment.setup.clients.map { try $0.training.count() } == [2000])   // the first speaker's
    }

    /// `kws` needs 1,518,992 bytes at batch size 1 with plain SGD (measured by `memoryReport`); Adam's two
    /// moments add 2 × 8,332 × 4 = 66,656 bytes, so a budget of 1,550,000 fits SGD but not Adam.
    @Test func memoryCheckCountsTheOptimizersState() throws {
        let base = """
            [data]
            dataset = "speech-commands"
            [partition]
            scheme = "natural"
            clients = 5
            [model]
            preset = "kws"
            [server]
            per-round = 2
            [[fleet]]
            profile = "cortex-m7"
            count = 5
            memory-budget = 1550000
            [client]
            batch-size = 1
            """
        _ = try Experiment.build(try SimulationConfig(toml: base))
        #expect(throws: ExperimentError.self) { try Experiment.build(try SimulationConfig(toml: base + "\noptimizer = \"adam\"")) }
    }
}
