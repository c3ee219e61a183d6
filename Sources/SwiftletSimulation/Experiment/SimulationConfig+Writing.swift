extension SimulationConfig {
    /// The complete effective config as TOML: every key, defaults filled in, that ``init(toml:)`` reads back
    /// equal. Written beside a run's results so the run can be repeated exactly.
    public func toml() -> String {
        "# Swiftlet simulation config: every setting of the run, defaults included (docs/SIMULATION-CONFIG.md).\n"
            + TOMLSerializer.serialize(table)
    }

    /// The config as a TOML table (see ``toml()``).
    public var table: TOMLTable {
        var root = TOMLTable()
        root["seed"] = .integer(Int64(bitPattern: seed))
        root["rounds"] = int(rounds)
        root["workers"] = int(workers)
        var d = TOMLTable()
        d["dataset"] = .string(data.dataset.rawValue)
        d["path"] = .string(data.path)
        d["test-path"] = .string(data.testPath)
        d["train-limit"] = int(data.trainLimit)
        d["test-limit"] = int(data.testLimit)
        d["label-column"] = .string(data.labelColumn)
        d["client-column"] = .string(data.clientColumn)
        d["alpha"] = .float(data.alpha)
        d["beta"] = .float(data.beta)
        d["dimensions"] = int(data.dimensions)
        d["classes"] = int(data.classes)
        root["data"] = .table(d)
        var p = TOMLTable()
        p["scheme"] = .string(partition.scheme.rawValue)
        p["clients"] = int(partition.clients)
        p["shards-per-client"] = int(partition.shardsPerClient)
        p["alpha"] = .float(partition.alpha)
        p["sizes"] = .string(partition.sizes.rawValue)
        p["exponent"] = .float(partition.exponent)
        p["sigma"] = .float(partition.sigma)
        root["partition"] = .table(p)
        root["model"] = .table(["preset": .string(model.preset.rawValue)])
        var s = TOMLTable()
        s["name"] = .string(strategy.name.rawValue)
        for key in strategy.name.optionKeys {
            guard let value = strategy.value(key, perRound: server.perRound) else { continue }
            s[key] = StrategyKind.integerOptionKeys.contains(key) ? int(Int(value)) : .float(value)
        }
        root["strategy"] = .table(s)
        var c = TOMLTable()
        c["local-epochs"] = int(client.localEpochs)
        c["local-steps"] = int(client.localSteps)
        c["batch-size"] = int(client.batchSize)
        c["learning-rate"] = .float(client.learningRate)
        c["momentum"] = .float(client.momentum)
        c["weight-decay"] = .float(client.weightDecay)
        c["optimizer"] = .string(client.optimizer.rawValue)
        root["client"] = .table(c)
        var v = TOMLTable()
        v["per-round"] = int(server.perRound)
        v["minimum-results"] = int(server.minimumResults)
        v["deadline"] = .float(server.deadline)
        v["on-failure"] = .string(server.onFailure.rawValue)
        v["retries"] = int(server.retries)
        v["evaluate-every"] = int(server.evaluateEvery)
        v["federated-evaluate-every"] = int(server.federatedEvaluateEvery)
        v["target-accuracy"] = .float(server.targetAccuracy)
        v["time-budget"] = .float(server.timeBudget)
        v["uplink-codec"] = .string(server.uplinkCodec)
        v["downlink-codec"] = .string(server.downlinkCodec)
        v["error-feedback"] = .boolean(server.errorFeedback)
        root["server"] = .table(v)
        root["fleet"] = .array(fleet.map { .table($0.table) })
        var o = TOMLTable()
        o["directory"] = .string(output.directory)
        o["charts"] = .boolean(output.charts)
        o["device-detail"] = .boolean(output.deviceDetail)
        root["output"] = .table(o)
        return root
    }

    private func int(_ value: Int) -> TOMLValue { .integer(Int64(value)) }
}

extension FleetGroup {
    /// The group as a `[[fleet]]` table, every effective value written.
    var table: TOMLTable {
        var t = TOMLTable()
        t["profile"] = .string(profile.rawValue)
        switch size {
        case .share(let share): t["share"] = .float(share)
        case .count(let count): t["count"] = .integer(Int64(count))
        }
        t["link"] = .string(link.rawValue)
        if link == .lorawan {
            t["region"] = .string(region.rawValue.lowercased())
            t["data-rate"] = .integer(Int64(dataRate))
            t["max-payload"] = .integer(Int64(maxPayload))
        }
        t["loss"] = .float(loss)
        if let trace {
            t["trace"] = .array(trace.map { .array([.float($0.start), .float($0.duration)]) })
            if let period { t["period"] = .float(period) }
        } else {
            t["availability"] = .float(availability)
        }
        t["peak-flops"] = .float(peakFLOPS)
        t["efficiency"] = .float(efficiency)
        t["memory-budget"] = .integer(Int64(memoryBudget))
        t["battery-joules"] = .float(batteryJoules)
        return t
    }
}
