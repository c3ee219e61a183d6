import SwiftletNN
import SwiftletTensor

extension Experiment {
    /// Builds each fleet group's link and device, and checks that the model trains within its memory budget.
    static func fleetDevices(_ config: SimulationConfig, model: Sequential) throws(ExperimentError) -> [DeviceProfile] {
        var devices: [DeviceProfile] = []
        for (index, group) in config.fleet.enumerated() {
            let label = "fleet[\(index)] (\(group.profile.rawValue))"
            let link: any Link
            do { link = try makeLink(group) } catch { throw .link(group: label, reason: error.description) }
            let availability: Availability = if let trace = group.trace {
                .trace(trace, period: group.period)
            } else {
                group.availability == 1 ? .always : .probability(group.availability)
            }
            let device: DeviceProfile
            do {
                let battery = group.batteryJoules > 0 ? try Battery(capacity: group.batteryJoules) : nil
                device = try DeviceProfile(name: group.profile.rawValue, peakFLOPS: group.peakFLOPS, efficiency: group.efficiency,
                                           memoryBudget: group.memoryBudget, memory: group.profile.device.memory,
                                           availability: availability, battery: battery, link: link)
            } catch {
                throw .device(group: label, reason: error.description)
            }
            if case .exceeds(let required, let budget) = device.fit(model, batchSize: config.client.batchSize,
                                                                    optimizer: localOptimizer(config.client)) {
                throw .memory(group: label, model: config.model.preset.rawValue, batchSize: config.client.batchSize,
                              required: required, budget: budget)
            }
            devices.append(device)
        }
        return devices
    }

    /// The optimizer clients train with, so the memory check counts its state (momentum, Adam's moments).
    static func localOptimizer(_ client: SimulationConfig.ClientSettings) -> any Optimizer {
        switch client.optimizer {
        case .sgd: SGD(learningRate: Float(client.learningRate), momentum: Float(client.momentum),
                       weightDecay: Float(client.weightDecay))
        case .adam: Adam(learningRate: Float(client.learningRate), weightDecay: Float(client.weightDecay))
        }
    }

    /// The group's radio: a packet link preset with its loss, or LoRaWAN at its region and data rate, with
    /// `max-payload` (a whole frame on air, framing included) capping the application payload per frame.
    static func makeLink(_ group: FleetGroup) throws(LinkError) -> any Link {
        let preset: PacketLink
        switch group.link {
        case .lorawan:
            let overhead = 13
            return try LoRaWANLink(region: group.region, dataRate: group.dataRate, frameOverhead: overhead,
                                   maxPayload: group.maxPayload > 0 ? group.maxPayload - overhead : nil, loss: group.loss)
        case .lte: preset = .lte
        case .wifi: preset = .wifi
        case .ble: preset = .ble
        case .nbIoT: preset = .nbIoT
        }
        return try PacketLink(name: preset.name, uplinkBitRate: preset.uplinkBitRate, downlinkBitRate: preset.downlinkBitRate,
                              latency: preset.latency, framePayload: preset.framePayload, frameOverhead: preset.frameOverhead,
                              loss: group.loss, uplinkEnergyPerByte: preset.uplinkEnergyPerByte,
                              downlinkEnergyPerByte: preset.downlinkEnergyPerByte, transferEnergy: preset.transferEnergy)
    }

    /// Each group's client count: counts as given; shares by largest remainder (ties to the earlier group), so
    /// the counts sum to the clients exactly.
    static func groupSizes(_ config: SimulationConfig, clientCount: Int) -> [Int] {
        let shares = config.fleet.map { group -> Double in
            switch group.size {
            case .share(let share): share
            case .count(let count): Double(count) / Double(max(clientCount, 1))
            }
        }
        if case .count = config.fleet.first?.size {
            return config.fleet.map { if case .count(let c) = $0.size { c } else { 0 } }
        }
        let exact = shares.map { $0 * Double(clientCount) }
        var sizes = exact.map { Int(($0 + 1e-9).rounded(.down)) }
        let order = exact.indices.sorted { (exact[$0] - Double(sizes[$0]), -$0) > (exact[$1] - Double(sizes[$1]), -$1) }
        var left = clientCount - sizes.reduce(0, +)
        var i = 0
        while left > 0 {
            sizes[order[i % order.count]] += 1
            left -= 1
            i += 1
        }
        return sizes
    }

    /// The fleet group of every client: the group sizes laid out in order, then shuffled by a generator of
    /// its own (seeded from the run's seed) so the split's draws are untouched.
    static func assignGroups(_ config: SimulationConfig, clientCount: Int) -> [Int] {
        var groups: [Int] = []
        groups.reserveCapacity(clientCount)
        for (group, size) in groupSizes(config, clientCount: clientCount).enumerated() {
            groups += repeatElement(group, count: size)
        }
        var generator = SeededGenerator(seed: config.seed ^ 0xF1EE_7000)
        generator.shuffle(&groups)
        return groups
    }
}
