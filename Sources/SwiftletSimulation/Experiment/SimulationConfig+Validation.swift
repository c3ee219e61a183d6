import SwiftletFederated

extension SimulationConfig {
    /// Checks the rules that tie fields together (single values are range-checked as they are read); call it
    /// after overriding fields from flags.
    ///
    /// - Throws: ``ConfigError/invalidValue(path:value:reason:)`` naming the key: `per-round` above the client
    ///   count, `minimum-results` above `per-round`, neither epochs nor steps, the `natural` partition on a
    ///   dataset without client ids (or `synthetic` under another partition), fleet shares not summing to 1 or
    ///   counts not summing to the clients, an option of another strategy or one out of its range, an uplink or
    ///   downlink codec that does not parse, error feedback with an uncompressed uplink, or a seed above 2⁶³ − 1 (TOML integers are signed).
    public func validate() throws(ConfigError) {
        func bad(_ path: String, _ value: String, _ reason: String) -> ConfigError {
            .invalidValue(path: path, value: value, reason: reason)
        }
        guard seed <= UInt64(Int64.max) else { throw bad("seed", String(seed), "must be in 0...\(Int64.max)") }
        guard rounds >= 1 else { throw bad("rounds", String(rounds), "must be at least 1") }
        guard workers >= 0 else { throw bad("workers", String(workers), "must be ≥ 0 (0: one per core)") }
        guard partition.clients >= 1 else { throw bad("partition.clients", String(partition.clients), "must be at least 1") }
        guard server.perRound >= 1, server.perRound <= partition.clients else {
            throw bad("server.per-round", String(server.perRound), "must be in 1...\(partition.clients) (partition.clients)")
        }
        guard server.minimumResults >= 0, server.minimumResults <= server.perRound else {
            throw bad("server.minimum-results", String(server.minimumResults), "must be in 0...\(server.perRound) (server.per-round)")
        }
        guard client.localEpochs > 0 || client.localSteps > 0 else {
            throw bad("client.local-epochs", "0", "must be positive when client.local-steps is 0")
        }
        guard client.batchSize >= 1 else { throw bad("client.batch-size", String(client.batchSize), "must be at least 1") }
        guard client.learningRate > 0, client.learningRate.isFinite else {
            throw bad("client.learning-rate", "\(client.learningRate)", "must be > 0")
        }
        try validateData()
        try validateStrategy()
        try validateFleet()
        for (key, spec) in [("server.uplink-codec", server.uplinkCodec), ("server.downlink-codec", server.downlinkCodec)] {
            do { _ = try CodecRegistry.codec(specification: spec) } catch {
                throw bad(key, TOMLSerializer.quoted(spec), "\(error) (expected \"f32le\" or a codec such as \"topk:0.01+u8\")")
            }
        }
        if server.errorFeedback, server.uplinkCodec == Float32Codec().identifier {
            throw bad("server.error-feedback", "true", "needs a compressed server.uplink-codec; \"f32le\" drops nothing")
        }
    }

    private func validateData() throws(ConfigError) {
        let scheme = TOMLSerializer.quoted(partition.scheme.rawValue)
        if data.dataset == .synthetic, partition.scheme != .natural {
            throw .invalidValue(path: "partition.scheme", value: scheme,
                                reason: "synthetic data is generated per client; use \"natural\"")
        }
        let natural = data.dataset.hasNaturalClients || data.dataset == .synthetic
            || (data.dataset == .csv && !data.clientColumn.isEmpty)
        if partition.scheme == .natural, !natural {
            throw .invalidValue(path: "partition.scheme", value: scheme,
                                reason: "dataset \"\(data.dataset.rawValue)\" has no client ids (csv needs data.client-column)")
        }
        if !data.clientColumn.isEmpty, data.dataset != .csv {
            throw .invalidValue(path: "data.client-column", value: TOMLSerializer.quoted(data.clientColumn),
                                reason: "applies only to dataset \"csv\"")
        }
        if !data.testPath.isEmpty, ![.csv, .leaf, .femnist].contains(data.dataset) {
            throw .invalidValue(path: "data.test-path", value: TOMLSerializer.quoted(data.testPath),
                                reason: "applies only to datasets \"csv\", \"leaf\" and \"femnist\"")
        }
    }

    private func validateStrategy() throws(ConfigError) {
        for (key, value) in strategy.options.sorted(by: { $0.key < $1.key }) {
            let path = "strategy." + key
            guard strategy.name.optionKeys.contains(key) else {
                throw .invalidValue(path: path, value: "\(value)", reason: "is not an option of '\(strategy.name.rawValue)'")
            }
            let (range, allowed) = Self.range(ofStrategyOption: key)
            guard value.isFinite, allowed(value) else { throw .invalidValue(path: path, value: "\(value)", reason: "must be \(range)") }
        }
    }

    /// The allowed values of a strategy option, as the strategies' initialisers check them.
    static func range(ofStrategyOption key: String) -> (String, (Double) -> Bool) {
        switch key {
        case "server-momentum", "beta1", "beta2": ("in [0, 1)", { $0 >= 0 && $0 < 1 })
        case "server-learning-rate", "learning-rate", "tau": ("> 0", { $0 > 0 })
        case "trim-fraction": ("in [0, 0.5)", { $0 >= 0 && $0 < 0.5 })
        case "byzantine": ("a whole number ≥ 0", { $0 >= 0 && $0.rounded() == $0 })
        case "selection": ("a whole number ≥ 1", { $0 >= 1 && $0.rounded() == $0 })
        default: ("≥ 0", { $0 >= 0 })   // proximal-mu, q
        }
    }

    private func validateFleet() throws(ConfigError) {
        guard !fleet.isEmpty else { throw .invalidValue(path: "fleet", value: "[]", reason: "needs at least one group") }
        let shares = fleet.compactMap { if case .share(let s) = $0.size { s } else { nil } }
        let counts = fleet.compactMap { if case .count(let c) = $0.size { c } else { nil } }
        if !shares.isEmpty, !counts.isEmpty {
            throw .invalidValue(path: "fleet", value: "\(shares.count) shares, \(counts.count) counts",
                                reason: "groups must all give 'share' or all give 'count'")
        }
        if !shares.isEmpty {
            let sum = shares.reduce(0, +)
            guard abs(sum - 1) <= 1e-9 else {
                throw .invalidValue(path: "fleet[*].share", value: "\(sum)", reason: "shares must sum to 1 (within 1e-9)")
            }
        } else {
            let sum = counts.reduce(0, +)
            guard sum == partition.clients else {
                throw .invalidValue(path: "fleet[*].count", value: String(sum),
                                    reason: "counts must sum to partition.clients = \(partition.clients)")
            }
        }
    }
}
