extension SimulationConfig {
    /// Reads one `[[fleet]]` table: the profile first, then overrides of its numbers.
    static func readGroup(_ r: ConfigReader) throws(ConfigError) -> FleetGroup {
        let profile = try r.required(r.choice("profile", as: DevicePreset.self), "profile")
        let share = try r.double("share", default: -1, "in (0, 1]") { $0 > 0 && $0 <= 1 }
        let count = try r.int("count", default: -1, in: 1...10_000_000)
        let size: FleetGroup.Size
        switch (share >= 0, count >= 0) {
        case (true, true): throw r.invalid("count", r.value("count"), "cannot be given with 'share' (choose one)")
        case (true, false): size = .share(share)
        case (false, true): size = .count(count)
        case (false, false): throw .missingKey(path: r.path(of: "share") + "' or '" + r.path(of: "count"))
        }
        let link = try r.choice("link", as: LinkKind.self)
        var g = FleetGroup(profile: profile, size: size, link: link)
        g.region = try Self.region(r) ?? g.region
        let rates = g.region.uplinkDataRates.count
        g.dataRate = try r.int("data-rate", default: g.dataRate, in: 0...(rates - 1))
        g.maxPayload = try r.int("max-payload", default: g.maxPayload, in: 0...255)
        g.loss = try r.double("loss", default: g.loss, "in [0, 1)") { $0 >= 0 && $0 < 1 }
        if g.link != .lorawan {
            for key in ["region", "data-rate", "max-payload"] where r.contains(key) {
                throw r.invalid(key, r.value(key), "applies only to link \"lorawan\", not \"\(g.link.rawValue)\"")
            }
        }
        if let windows = try r.value("trace").map({ (value) throws(ConfigError) in try Self.trace(value, r) }) {
            if r.contains("availability") {
                throw r.invalid("availability", r.value("availability"), "cannot be given with 'trace' (choose one)")
            }
            g.trace = windows
            if r.contains("period") { g.period = try r.double("period", default: 0, "> 0") { $0 > 0 } }
        } else if r.contains("period") {
            throw r.invalid("period", r.value("period"), "applies only with 'trace'")
        }
        g.availability = try r.double("availability", default: g.availability, "in [0, 1]") { $0 >= 0 && $0 <= 1 }
        g.peakFLOPS = try r.double("peak-flops", default: g.peakFLOPS, "> 0") { $0 > 0 }
        g.efficiency = try r.double("efficiency", default: g.efficiency, "in (0, 1]") { $0 > 0 && $0 <= 1 }
        g.memoryBudget = try r.int("memory-budget", default: g.memoryBudget, in: 0...Int.max)
        g.batteryJoules = try r.double("battery-joules", default: g.batteryJoules, "≥ 0 (0: mains)") { $0 >= 0 }
        return g
    }

    /// `region = "eu868" | "us915"` (either case).
    private static func region(_ r: ConfigReader) throws(ConfigError) -> LoRaRegion? {
        guard let name = try r.string("region") else { return nil }
        guard let region = LoRaRegion(rawValue: name.uppercased()) else {
            throw r.invalid("region", .string(name), "expected one of 'eu868', 'us915'")
        }
        return region
    }

    /// `trace = [[start, duration], …]`, seconds.
    private static func trace(_ value: TOMLValue, _ r: ConfigReader) throws(ConfigError) -> [OnlineWindow] {
        guard let pairs = value.arrayValue else {
            throw .typeMismatch(path: r.path(of: "trace"), expected: "an array of [start, duration] pairs", actual: value.typeName)
        }
        var windows: [OnlineWindow] = []
        for (i, pair) in pairs.enumerated() {
            let numbers = pair.arrayValue?.compactMap { v -> Double? in
                if case .integer(let n) = v { return Double(n) }
                return v.floatValue
            }
            guard let numbers, numbers.count == 2, pair.arrayValue?.count == 2 else {
                throw r.invalid("trace", pair, "element \(i) must be [start, duration] in seconds")
            }
            guard numbers[0] >= 0, numbers[1] >= 0, numbers.allSatisfy(\.isFinite) else {
                throw r.invalid("trace", pair, "element \(i) needs a non-negative start and duration")
            }
            windows.append(OnlineWindow(start: numbers[0], duration: numbers[1]))
        }
        return windows
    }
}
