import Testing
@testable import SwiftletSimulation

/// Reading, writing and validating ``SimulationConfig``.
@Suite struct SimulationConfigTests {
    /// A config that sets every section and option to a non-default value.
    static let everything = """
        seed = 42
        rounds = 7
        workers = 3
        [data]
        dataset = "csv"
        path = "/tmp/train.csv"
        test-path = "/tmp/test.csv"
        train-limit = 500
        test-limit = 100
        label-column = "y"
        client-column = "subject"
        alpha = 0.5
        beta = 0.25
        dimensions = 60
        classes = 10
        [partition]
        scheme = "natural"
        clients = 20
        shards-per-client = 3
        alpha = 0.1
        sizes = "log-normal"
        exponent = 2.0
        sigma = 0.5
        [model]
        preset = "mlp"
        [strategy]
        name = "multi-krum"
        byzantine = 2
        selection = 3
        [client]
        local-epochs = 0
        local-steps = 50
        batch-size = 32
        learning-rate = 0.01
        momentum = 0.9
        weight-decay = 0.0001
        optimizer = "adam"
        [server]
        per-round = 8
        minimum-results = 4
        deadline = 120.5
        on-failure = "retry"
        retries = 2
        evaluate-every = 5
        federated-evaluate-every = 10
        target-accuracy = 0.9
        time-budget = 86400.0
        uplink-codec = "topk:0.01+u8:256"
        downlink-codec = "u8:256"
        error-feedback = true
        [[fleet]]
        profile = "cortex-m7"
        count = 12
        link = "lorawan"
        region = "us915"
        data-rate = 3
        max-payload = 100
        loss = 0.05
        trace = [[0.0, 3600.0], [7200, 1800]]
        period = 86400.0
        peak-flops = 1e9
        efficiency = 0.5
        memory-budget = 1048576
        battery-joules = 1000.0
        [[fleet]]
        profile = "phone"
        count = 8
        link = "ble"
        availability = 0.8
        [output]
        directory = "results/everything"
        charts = false
        device-detail = false
        """

    @Test func defaultConfigRoundTripsThroughTOML() throws {
        let text = SimulationConfig.default.toml()
        #expect(try SimulationConfig(toml: text) == SimulationConfig.default)
    }

    @Test func emptyDocumentIsTheDefaultExperiment() throws {
        #expect(try SimulationConfig(toml: "") == SimulationConfig.default)
    }

    @Test func configUsingEverySectionRoundTripsThroughTOML() throws {
        let config = try SimulationConfig(toml: Self.everything)
        #expect(try SimulationConfig(toml: config.toml()) == config)
        #expect(config.seed == 42 && config.workers == 3)
        #expect(config.strategy.options == ["byzantine": 2, "selection": 3])
        #expect(config.fleet[0].trace == [OnlineWindow(start: 0, duration: 3600), OnlineWindow(start: 7200, duration: 1800)])
        #expect(config.fleet[0].region == .us915 && config.fleet[0].maxPayload == 100)
        #expect(config.fleet[1].loss == 0.01)   // BLE's own loss, filled in
    }

    @Test func writtenConfigNamesEveryEffectiveValue() throws {
        let table = try TOMLParser.parse(SimulationConfig.default.toml())
        #expect(table[path: ["server", "deadline"]] == .float(SimulationConfig.Defaults.deadline))
        #expect(table[path: ["client", "learning-rate"]] == .float(0.05))
        let fleet = try #require(table["fleet"]?.arrayValue)
        #expect(fleet.count == 2)
        #expect(fleet[0].tableValue?["peak-flops"] == .float(100e9))
        #expect(fleet[1].tableValue?["link"] == .string("wifi"))
    }

    @Test func defaultsFillInTheChosenStrategysOptions() throws {
        let config = try SimulationConfig(toml: "[strategy]\nname = \"fedyogi\"\nbeta1 = 0.5")
        #expect(config.strategy.options == ["learning-rate": 0.01, "beta1": 0.5, "beta2": 0.99, "tau": 1e-3])
    }

    @Test(arguments: [
        ("rounds = 5\nround = 3", "round"),
        ("[data]\ndatset = \"mnist\"", "data.datset"),
        ("[partition]\nclient = 3", "partition.client"),
        ("[model]\nname = \"cnn\"", "model.name"),
        ("[strategy]\nmu = 0.1", "strategy.mu"),
        ("[client]\nepochs = 1", "client.epochs"),
        ("[server]\nper_round = 1", "server.per_round"),
        ("[output]\ndir = \"x\"", "output.dir"),
        ("[extra]\nx = 1", "extra"),
        ("[[fleet]]\nprofile = \"phone\"\nshare = 0.5\n[[fleet]]\nprofile = \"phone\"\nshare = 0.25\n[[fleet]]\nprofile = \"phone\"\nshare = 0.25\npeak-flop = 1.0", "fleet[2].peak-flop"),
    ])
    func unknownKeyIsReportedWithItsPath(text: String, path: String) {
        #expect(throws: ConfigError.unknownKeys([path])) { try SimulationConfig(toml: text) }
    }

    @Test func wrongTypeNamesTheKey() {
        #expect(throws: ConfigError.typeMismatch(path: "client.batch-size", expected: "an integer", actual: "string")) {
            try SimulationConfig(toml: "[client]\nbatch-size = \"ten\"")
        }
    }

    @Test func outOfRangeValueNamesTheKeyAndTheRange() {
        #expect(throws: ConfigError.invalidValue(path: "client.batch-size", value: "0", reason: "must be in 1...65536")) {
            try SimulationConfig(toml: "[client]\nbatch-size = 0")
        }
        #expect(throws: ConfigError.invalidValue(path: "fleet[0].efficiency", value: "1.5", reason: "must be in (0, 1]")) {
            try SimulationConfig(toml: "[[fleet]]\nprofile = \"phone\"\nshare = 1.0\nefficiency = 1.5")
        }
    }

    @Test func unknownChoiceListsTheAcceptedNames() throws {
        let error = #expect(throws: ConfigError.self) { try SimulationConfig(toml: "[partition]\nscheme = \"shard\"") }
        #expect(error?.description.contains("partition.scheme") == true)
        #expect(error?.description.contains("'quantity-skew'") == true)
    }

    @Test func optionOfAnotherStrategyIsAnError() {
        #expect(throws: ConfigError.invalidValue(path: "strategy.proximal-mu", value: "0.1", reason: "is an option of fedprox, not of 'fedavg'")) {
            try SimulationConfig(toml: "[strategy]\nname = \"fedavg\"\nproximal-mu = 0.1")
        }
    }

    @Test func strategyOptionOutsideItsRangeIsAnError() {
        #expect(throws: ConfigError.invalidValue(path: "strategy.server-momentum", value: "1.0", reason: "must be in [0, 1)")) {
            try SimulationConfig(toml: "[strategy]\nname = \"fedavgm\"\nserver-momentum = 1.0")
        }
    }

    @Test func codecThatDoesNotParseNamesTheKey() {
        let error = #expect(throws: ConfigError.self) { try SimulationConfig(toml: "[server]\ndownlink-codec = \"zstd\"") }
        guard case let .invalidValue(path, value, reason) = error else {
            Issue.record("expected an invalid value, got \(String(describing: error))")
            return
        }
        #expect(path == "server.downlink-codec")
        #expect(value == "\"zstd\"")
        #expect(reason.hasPrefix("codec 'zstd': unknown stage 'zstd'"))
    }

    @Test func errorFeedbackNeedsACompressedUplink() {
        #expect(throws: ConfigError.invalidValue(path: "server.error-feedback", value: "true",
                                                 reason: "needs a compressed server.uplink-codec; \"f32le\" drops nothing")) {
            try SimulationConfig(toml: "[server]\nerror-feedback = true")
        }
    }

    @Test func sharesThatDoNotSumToOneAreAnError() {
        #expect(throws: ConfigError.invalidValue(path: "fleet[*].share", value: "0.9", reason: "shares must sum to 1 (within 1e-9)")) {
            try SimulationConfig(toml: "[[fleet]]\nprofile = \"phone\"\nshare = 0.5\n[[fleet]]\nprofile = \"phone\"\nshare = 0.4")
        }
    }

    @Test func countsMustSumToTheClients() {
        #expect(throws: ConfigError.invalidValue(path: "fleet[*].count", value: "90", reason: "counts must sum to partition.clients = 100")) {
            try SimulationConfig(toml: "[[fleet]]\nprofile = \"phone\"\ncount = 60\n[[fleet]]\nprofile = \"phone\"\ncount = 30")
        }
    }

    @Test func shareAndCountAreExclusive() {
        #expect(throws: ConfigError.invalidValue(path: "fleet[0].count", value: "100", reason: "cannot be given with 'share' (choose one)")) {
            try SimulationConfig(toml: "[[fleet]]\nprofile = \"phone\"\nshare = 1.0\ncount = 100")
        }
    }

    @Test func loraWANKeysOnAnotherLinkAreAnError() {
        #expect(throws: ConfigError.invalidValue(path: "fleet[0].data-rate", value: "3", reason: "applies only to link \"lorawan\", not \"lte\"")) {
            try SimulationConfig(toml: "[[fleet]]\nprofile = \"phone\"\nshare = 1.0\ndata-rate = 3")
        }
    }

    @Test func perRoundAboveTheClientsIsAnError() {
        #expect(throws: ConfigError.invalidValue(path: "server.per-round", value: "20", reason: "must be in 1...10 (partition.clients)")) {
            try SimulationConfig(toml: "[partition]\nclients = 10\n[server]\nper-round = 20")
        }
    }

    @Test func naturalPartitionNeedsClientIDs() {
        let error = #expect(throws: ConfigError.self) { try SimulationConfig(toml: "[partition]\nscheme = \"natural\"") }
        #expect(error?.description.contains("partition.scheme") == true)
    }

    @Test func overriddenFieldsAreValidatedAgain() throws {
        var config = SimulationConfig.default
        config.server.perRound = 101
        #expect(throws: ConfigError.self) { try config.validate() }
    }
}

extension SimulationConfigTests {
    /// Multi-Krum selects all but the assumed Byzantine nodes of a round: 10 − 3 = 7, as `swiftlet federate` does.
    @Test func multiKrumSelectionDefaultsToPerRoundMinusByzantine() throws {
        let config = try SimulationConfig(toml: "[strategy]\nname = \"multi-krum\"\nbyzantine = 3")
        #expect(config.strategy.options == ["byzantine": 3, "selection": 7])
    }
}
