import SwiftletNN

extension SimulationConfig {
    /// Reads a config from TOML text; absent keys take their defaults.
    ///
    /// - Throws: ``ConfigError`` naming the key path: a syntax error, an unknown key or table
    ///   (`fleet[2].peak-flop`), a wrong type, a value outside its range (the message gives the range), an
    ///   option for another strategy, or a cross-field rule of ``validate()``.
    public init(toml text: String) throws(ConfigError) {
        let root = try ConfigReader(toml: text)
        try self.init(reading: root)
        try root.finish()
        try validate()
    }

    /// Reads the simulation's keys from `root`, leaving other keys unread.
    ///
    /// For files that extend the simulation format with tables of their own (a deployment's `[deployment]`):
    /// read those from the same reader, then call `root.finish()` so a misspelt key is still reported, then
    /// ``validate()``.
    /// - Throws: ``ConfigError`` naming the key path of a wrong type or a value outside its range.
    public init(reading root: ConfigReader) throws(ConfigError) {
        self.init()
        if let seed = try root.int("seed") {
            guard seed >= 0 else { throw root.invalid("seed", .integer(Int64(seed)), "must be in 0...\(Int.max)") }
            self.seed = UInt64(seed)
        }
        rounds = try root.int("rounds", default: rounds, in: 1...1_000_000)
        workers = try root.int("workers", default: workers, in: 0...4_096)
        if let r = try root.table("data") { data = try Self.readData(r) }
        if let r = try root.table("partition") { partition = try Self.readPartition(r) }
        if let r = try root.table("model") {
            model.preset = try r.choice("preset", default: model.preset)
        }
        if let r = try root.table("client") { client = try Self.readClient(r) }
        if let r = try root.table("server") { server = try Self.readServer(r) }
        if let r = try root.table("strategy") {
            strategy = try Self.readStrategy(r, perRound: server.perRound)
        } else {
            strategy.options = Self.defaults(of: strategy.name, perRound: server.perRound)
        }
        if let groups = try root.tables("fleet") {
            guard !groups.isEmpty else { throw root.invalid("fleet", .array([]), "needs at least one group") }
            fleet = try groups.map { (r) throws(ConfigError) in try Self.readGroup(r) }
        }
        if let r = try root.table("output") {
            output.directory = try r.string("directory") ?? output.directory
            output.charts = try r.bool("charts") ?? output.charts
            output.deviceDetail = try r.bool("device-detail") ?? output.deviceDetail
        }
    }

    /// Every option of `strategy` at its default.
    static func defaults(of strategy: StrategyKind, perRound: Int) -> [String: Double] {
        var options: [String: Double] = [:]
        for key in strategy.optionKeys { options[key] = strategy.defaultValue(of: key, perRound: perRound) }
        return options
    }

    private static func readData(_ r: ConfigReader) throws(ConfigError) -> DataSettings {
        var d = DataSettings()
        d.dataset = try r.choice("dataset", default: d.dataset)
        d.path = try r.string("path") ?? d.path
        d.testPath = try r.string("test-path") ?? d.testPath
        d.trainLimit = try r.int("train-limit", default: d.trainLimit, in: 0...Int.max)
        d.testLimit = try r.int("test-limit", default: d.testLimit, in: 0...Int.max)
        d.labelColumn = try r.string("label-column") ?? d.labelColumn
        d.clientColumn = try r.string("client-column") ?? d.clientColumn
        d.alpha = try r.double("alpha", default: d.alpha, "≥ 0") { $0 >= 0 }
        d.beta = try r.double("beta", default: d.beta, "≥ 0") { $0 >= 0 }
        // LEAF's generator fixes both; the keys exist so a config states them.
        d.dimensions = try r.int("dimensions", default: d.dimensions, in: 60...60)
        d.classes = try r.int("classes", default: d.classes, in: 10...10)
        return d
    }

    private static func readPartition(_ r: ConfigReader) throws(ConfigError) -> PartitionSettings {
        var p = PartitionSettings()
        p.scheme = try r.choice("scheme", default: p.scheme)
        p.clients = try r.int("clients", default: p.clients, in: 1...10_000_000)
        p.shardsPerClient = try r.int("shards-per-client", default: p.shardsPerClient, in: 1...10_000)
        p.alpha = try r.double("alpha", default: p.alpha, "> 0") { $0 > 0 }
        p.sizes = try r.choice("sizes", default: p.sizes)
        p.exponent = try r.double("exponent", default: p.exponent, "> 0") { $0 > 0 }
        p.sigma = try r.double("sigma", default: p.sigma, "> 0") { $0 > 0 }
        return p
    }

    private static func readClient(_ r: ConfigReader) throws(ConfigError) -> ClientSettings {
        var c = ClientSettings()
        c.localEpochs = try r.int("local-epochs", default: c.localEpochs, in: 0...10_000)
        c.localSteps = try r.int("local-steps", default: c.localSteps, in: 0...10_000_000)
        c.batchSize = try r.int("batch-size", default: c.batchSize, in: 1...65_536)
        c.learningRate = try r.double("learning-rate", default: c.learningRate, "> 0") { $0 > 0 }
        c.momentum = try r.double("momentum", default: c.momentum, "in [0, 1)") { $0 >= 0 && $0 < 1 }
        c.weightDecay = try r.double("weight-decay", default: c.weightDecay, "≥ 0") { $0 >= 0 }
        c.optimizer = try r.choice("optimizer", default: c.optimizer)
        return c
    }

    private static func readServer(_ r: ConfigReader) throws(ConfigError) -> ServerSettings {
        var s = ServerSettings()
        s.perRound = try r.int("per-round", default: s.perRound, in: 1...10_000_000)
        s.minimumResults = try r.int("minimum-results", default: s.minimumResults, in: 0...10_000_000)
        s.deadline = try r.double("deadline", default: s.deadline, "> 0") { $0 > 0 }
        s.onFailure = try r.choice("on-failure", default: s.onFailure)
        s.retries = try r.int("retries", default: s.retries, in: 0...1_000)
        s.evaluateEvery = try r.int("evaluate-every", default: s.evaluateEvery, in: 0...1_000_000)
        s.federatedEvaluateEvery = try r.int("federated-evaluate-every", default: s.federatedEvaluateEvery, in: 0...1_000_000)
        s.targetAccuracy = try r.double("target-accuracy", default: s.targetAccuracy, "in [0, 1]") { $0 >= 0 && $0 <= 1 }
        s.timeBudget = try r.double("time-budget", default: s.timeBudget, "≥ 0") { $0 >= 0 }
        s.uplinkCodec = try r.string("uplink-codec") ?? s.uplinkCodec
        s.downlinkCodec = try r.string("downlink-codec") ?? s.downlinkCodec
        s.errorFeedback = try r.bool("error-feedback") ?? s.errorFeedback
        return s
    }

    private static func readStrategy(_ r: ConfigReader, perRound: Int) throws(ConfigError) -> StrategySettings {
        var s = StrategySettings()
        s.name = try r.choice("name", default: s.name)
        s.options = defaults(of: s.name, perRound: perRound)
        for key in r.table.keys where key != "name" {
            guard StrategyKind.allOptionKeys.contains(key) else { continue }   // left for finish() to report
            guard s.name.optionKeys.contains(key) else {
                let owners = StrategyKind.allCases.filter { $0.optionKeys.contains(key) }.map(\.rawValue)
                throw r.invalid(key, r.value(key), "is an option of \(owners.joined(separator: ", ")), not of '\(s.name.rawValue)'")
            }
            if StrategyKind.integerOptionKeys.contains(key) {
                s.options[key] = Double(try r.int(key, default: 0, in: (key == "selection" ? 1 : 0)...1_000_000))
            } else {
                s.options[key] = try r.double(key, default: 0, "finite") { _ in true }
            }
        }
        if s.name == .multiKrum, !r.contains("selection") {
            s.options["selection"] = nil
            s.options["selection"] = s.value("selection", perRound: perRound)
        }
        return s
    }
}
