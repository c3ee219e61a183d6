import Foundation
import SwiftletData
import SwiftletFederated
import SwiftletNN
import SwiftletTensor
import Testing
@testable import SwiftletSimulation

/// ``Experiment/build(_:)``: what it makes from a config, and every bad input it refuses before training.
@Suite struct ExperimentBuildTests {
    /// A small MNIST experiment: the first 200 training and 100 test samples over 10 clients, two shards each.
    static func smallMNIST(_ extra: String = "") throws -> SimulationConfig {
        try SimulationConfig(toml: """
            [data]
            train-limit = 200
            test-limit = 100
            [partition]
            scheme = "shards"
            clients = 10
            [server]
            per-round = 5
            \(extra)
            """)
    }

    @Test func defaultConfigBuildsHundredDirichletClientsAndASixtyFortyFleet() throws {
        let experiment = try Experiment.build(.default)
        let clients = experiment.setup.clients
        #expect(clients.count == 100)
        let sizes = try clients.map { try $0.training.count() }
        #expect(sizes.reduce(0, +) == 60_000)
        #expect(experiment.partitionReport?.sizes == sizes)
        // Dirichlet(0.5) label skew: sizes and label mixes vary from client to client.
        #expect(Set(sizes).count > 10)
        #expect(clients.filter { $0.device.name == "phone" }.count == 60)
        #expect(clients.filter { $0.device.name == "raspberry-pi-4" }.count == 40)
        #expect(clients.map(\.node) == (1...100).map { NodeID(UInt64($0)) })
        #expect(clients.map(\.seed) == (0..<100).map { 1 &+ UInt64($0) })
        #expect(experiment.test.count == 10_000)
        #expect(experiment.parameterCount == 61_706)
        #expect(experiment.setup.federation.rounds == 40)
        #expect(experiment.setup.federation.roundTimeout == .seconds(300))
        #expect(experiment.description.contains("100 clients"))
    }

    @Test func shardsSplitMatchesSwiftletFederateForTheSameSeed() throws {
        let experiment = try Experiment.build(try Self.smallMNIST())
        let train = try MNIST.loadBundled(.train, limit: 200)
        var generator = SeededGenerator(seed: 1)
        let parts = try Partitioner.shards(labels: train.labels, clients: 10, generator: &generator)
        #expect(experiment.partitionReport == (try PartitionReport(partition: parts, labels: train.labels, classCount: 10)))
    }

    @Test func deviceAssignmentIsDeterministicAndMatchesGroupSizes() throws {
        let config = try Self.smallMNIST("""
            [[fleet]]
            profile = "phone"
            share = 0.3
            [[fleet]]
            profile = "raspberry-pi-4"
            share = 0.7
            """)
        let first = try Experiment.build(config).setup.clients.map(\.device.name)
        let second = try Experiment.build(config).setup.clients.map(\.device.name)
        #expect(first == second)
        #expect(first.filter { $0 == "phone" }.count == 3)
        #expect(first.filter { $0 == "raspberry-pi-4" }.count == 7)
    }

    /// 1/3 of 10 is 3.33…: largest remainder gives 4, 3, 3 (ties to the earlier group).
    @Test func sharesAreRoundedByLargestRemainder() throws {
        var config = try Self.smallMNIST()
        config.fleet = [FleetGroup(profile: .phone, size: .share(1.0 / 3)), FleetGroup(profile: .phone, size: .share(1.0 / 3)),
                        FleetGroup(profile: .phone, size: .share(1.0 / 3))]
        #expect(Experiment.groupSizes(config, clientCount: 10) == [4, 3, 3])
    }

    @Test func groupOverridesReachTheDevices() throws {
        let experiment = try Experiment.build(try Self.smallMNIST("""
            [[fleet]]
            profile = "phone"
            count = 10
            link = "wifi"
            availability = 0.5
            battery-joules = 0
            peak-flops = 2e9
            """))
        let device = experiment.setup.clients[0].device
        #expect(device.link.name == "Wi-Fi")
        #expect(device.availability == .probability(0.5))
        #expect(device.battery == nil)
        #expect(device.peakFLOPS == 2e9)
    }

    @Test func loraWANGroupWhoseMaxPayloadIsBelowTheFrameOverheadErrors() throws {
        let config = try Self.smallMNIST("""
            [[fleet]]
            profile = "raspberry-pi-4"
            count = 10
            link = "lorawan"
            max-payload = 12
            """)
        let error = #expect(throws: ExperimentError.self) { try Experiment.build(config) }
        guard case .link(let group, let reason)? = error else { Issue.record("expected a link error, got \(String(describing: error))"); return }
        #expect(group == "fleet[0] (raspberry-pi-4)")
        #expect(reason.contains("cannot carry one frame"))
    }

    @Test func cortexM7CannotTrainTheCNN() throws {
        let config = try Self.smallMNIST("""
            [model]
            preset = "cnn"
            [[fleet]]
            profile = "cortex-m7"
            count = 10
            """)
        let error = #expect(throws: ExperimentError.self) { try Experiment.build(config) }
        guard case .memory(let group, let model, let batch, let required, let budget)? = error else {
            Issue.record("expected a memory error, got \(String(describing: error))"); return
        }
        #expect(group == "fleet[0] (cortex-m7)" && model == "cnn" && batch == 10)
        #expect(budget == 992 << 10)
        #expect(required > 4 * 1_663_370)   // the parameters alone
        #expect(error?.description.contains("over the memory budget of \(992 << 10) bytes") == true)
    }

    @Test func femnistBuildsASixtyTwoClassCNNOverItsWriters() throws {
        let experiment = try Experiment.build(try SimulationConfig(toml: """
            [data]
            dataset = "femnist"
            [partition]
            scheme = "natural"
            clients = 5
            [model]
            preset = "cnn"
            [server]
            per-round = 2
            """))
        #expect(experiment.parameterCount == 1_690_046)
        #expect(try experiment.setup.makeModel(0).outputSize == 62)
        #expect(try experiment.setup.clients.map { try $0.training.count() } == [123, 133, 148, 153, 102])
    }

    @Test func naturalPartitionAskingForMoreWritersThanExistErrors() throws {
        let config = try SimulationConfig(toml: "[data]\ndataset = \"femnist\"\n[partition]\nscheme = \"natural\"\nclients = 6\n[server]\nper-round = 2")
        #expect(throws: ExperimentError.self) { try Experiment.build(config) }
    }

    @Test func moreClientsThanSamplesErrorsNamingTheKey() throws {
        let config = try SimulationConfig(toml: "[data]\ntrain-limit = 50\n[partition]\nscheme = \"iid\"\nclients = 60")
        let error = #expect(throws: ExperimentError.self) { try Experiment.build(config) }
        guard case .partition(let key, let reason)? = error else { Issue.record("expected a partition error"); return }
        #expect(key == "partition.clients")
        #expect(reason.contains("50 samples"))
    }

    @Test func moreShardsThanSamplesErrors() throws {
        let config = try SimulationConfig(toml: "[data]\ntrain-limit = 30\n[partition]\nscheme = \"shards\"\nclients = 10\nshards-per-client = 4")
        let error = #expect(throws: ExperimentError.self) { try Experiment.build(config) }
        guard case .partition(let key, _)? = error else { Issue.record("expected a partition error"); return }
        #expect(key == "partition.shards-per-client")
    }

    @Test func modelThatCannotTakeTheDatasetsShapeErrors() throws {
        let config = try SimulationConfig(toml: "[data]\ndataset = \"digits\"\n[model]\npreset = \"lenet5\"")
        let error = #expect(throws: ExperimentError.self) { try Experiment.build(config) }
        guard case .model(let preset, let reason)? = error else { Issue.record("expected a model error"); return }
        #expect(preset == "lenet5")
        #expect(reason.contains("[64]"))
    }

    @Test func digitsBuildAnMLPWithAHeldOutTestSet() throws {
        let experiment = try Experiment.build(try SimulationConfig(toml: "[data]\ndataset = \"digits\"\n[model]\npreset = \"mlp\"\n[partition]\nscheme = \"iid\"\nclients = 10\n[server]\nper-round = 2"))
        #expect(experiment.parameterCount == 4_810)
        // 1,797 digits, 20% held out: 359 test, 1,438 training.
        #expect(experiment.test.count == 359)
        #expect(experiment.partitionReport?.totalSamples == 1_438)
    }

    @Test func syntheticClientsAreGeneratedOnDemand() throws {
        let experiment = try Experiment.build(try SimulationConfig(toml: """
            [data]
            dataset = "synthetic"
            [partition]
            scheme = "natural"
            clients = 20
            [model]
            preset = "logreg"
            [server]
            per-round = 5
            """))
        #expect(experiment.parameterCount == 610)
        let data = try SyntheticFederatedDataset(alpha: 1, beta: 1, clients: 20, seed: 1)
        let all = try data.client(3).count
        let held = max(1, Int((Double(all) * 0.1).rounded()))
        #expect(try experiment.setup.clients[3].training.count() == all - held)
        #expect(try experiment.setup.clients[3].test?.count() == held)
    }
}
