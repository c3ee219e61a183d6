import SwiftletFederated
/// The server strategies a simulation can run, by the names `swiftlet federate` uses, with the options each
/// accepts and their defaults.
public enum StrategyKind: String, Sendable, Equatable, CaseIterable {
    /// FedAvg (McMahan et al., AISTATS 2017).
    case fedavg
    /// FedAvg with server momentum (Hsu et al. 2019).
    case fedavgm
    /// FedProx (Li et al., MLSys 2020).
    case fedprox
    /// FedAdam (Reddi et al., "Adaptive Federated Optimization", ICLR 2021).
    case fedadam
    /// FedYogi (Reddi et al. 2021).
    case fedyogi
    /// FedAdagrad (Reddi et al. 2021).
    case fedadagrad
    /// q-FedAvg (Li et al., "Fair Resource Allocation in Federated Learning", ICLR 2020).
    case qfedavg
    /// SCAFFOLD (Karimireddy et al., ICML 2020).
    case scaffold
    /// Coordinate-wise median (Yin et al., ICML 2018).
    case median
    /// Coordinate-wise trimmed mean (Yin et al., ICML 2018).
    case trimmedMean = "trimmed-mean"
    /// Krum (Blanchard et al., NeurIPS 2017).
    case krum
    /// Multi-Krum (Blanchard et al. 2017).
    case multiKrum = "multi-krum"
    /// Bulyan (El Mhamdi et al., ICML 2018).
    case bulyan

    /// The `[strategy]` keys this strategy accepts, in the order they are written.
    public var optionKeys: [String] {
        switch self {
        case .fedavgm: ["server-learning-rate", "server-momentum"]
        case .fedprox: ["proximal-mu"]
        case .fedadam, .fedyogi: ["learning-rate", "beta1", "beta2", "tau"]
        case .fedadagrad: ["learning-rate", "beta1", "tau"]
        case .qfedavg: ["q", "learning-rate"]
        case .trimmedMean: ["trim-fraction"]
        case .krum, .bulyan: ["byzantine"]
        case .multiKrum: ["byzantine", "selection"]
        case .fedavg, .scaffold, .median: []
        }
    }

    /// Every option key any strategy accepts.
    public static let allOptionKeys: Set<String> = Set(allCases.flatMap(\.optionKeys))

    /// Options whose values are whole numbers.
    public static let integerOptionKeys: Set<String> = ["byzantine", "selection"]

    /// The value `key` takes when the config does not set it: the strategy initialiser's default (FedProx,
    /// which has none, takes μ = 0.01 as `swiftlet federate` does; Krum's family assumes one Byzantine node and
    /// Multi-Krum selects all but those; ``SimulationConfig/StrategySettings/value(_:perRound:)`` subtracts a
    /// configured count instead). `perRound` sizes Multi-Krum's selection.
    public func defaultValue(of key: String, perRound: Int) -> Double? {
        switch (self, key) {
        case (.fedavgm, "server-learning-rate"): 1
        case (.fedavgm, "server-momentum"): 0
        case (.fedprox, "proximal-mu"): 0.01
        case (.fedadam, "learning-rate"): 0.1
        case (.fedyogi, "learning-rate"): 0.01
        case (.fedadagrad, "learning-rate"): 0.1
        case (.fedadam, "beta1"), (.fedyogi, "beta1"): 0.9
        case (.fedadagrad, "beta1"): 0
        case (.fedadam, "beta2"), (.fedyogi, "beta2"): 0.99
        case (.fedadam, "tau"), (.fedadagrad, "tau"): 1e-9
        case (.fedyogi, "tau"): 1e-3
        case (.qfedavg, "q"): 0.2
        case (.qfedavg, "learning-rate"): 0.1
        case (.trimmedMean, "trim-fraction"): 0.2
        case (.krum, "byzantine"), (.multiKrum, "byzantine"), (.bulyan, "byzantine"): 1
        case (.multiKrum, "selection"): Double(max(1, perRound - 1))
        default: nil
        }
    }
}

extension SimulationConfig {
    /// `[strategy]`: the aggregation rule and its options.
    ///
    /// ``options`` holds the strategy's own keys (``StrategyKind/optionKeys``); a key left out takes the
    /// strategy's default at build time (``StrategyKind/defaultValue(of:perRound:)``). Reading a config fills
    /// every default in, so the written config names every value the run used.
    public struct StrategySettings: Sendable, Equatable {
        /// The strategy.
        public var name: StrategyKind = .fedavg
        /// Option values by key (`proximal-mu`, `byzantine`, …); integers are stored as whole doubles.
        public var options: [String: Double] = [:]

        /// Creates the default: FedAvg.
        public init() {}

        /// The value of `key`: set, or the strategy's default for `perRound` clients per round.
        public func value(_ key: String, perRound: Int) -> Double? {
            if let set = options[key] { return set }
            if name == .multiKrum, key == "selection", let f = value("byzantine", perRound: perRound) {
                return Double(max(1, perRound - Int(f)))   // all but the assumed Byzantine nodes
            }
            return name.defaultValue(of: key, perRound: perRound)
        }
    }
}

extension SimulationConfig.StrategySettings {
    /// The strategy these settings name, with its options (set or default) and the shared `options`.
    ///
    /// - Parameters:
    ///   - clients: the federation's size (SCAFFOLD keeps a control variate slot per client).
    ///   - perRound: clients per round (Multi-Krum's default selection depends on it).
    /// - Throws: the strategy's ``SwiftletFederated/AggregationError`` for an out-of-range option.
    public func make(options: StrategyOptions, clients: Int, perRound: Int) throws(AggregationError) -> any Strategy {
        func v(_ key: String) -> Double { value(key, perRound: perRound)! }
        switch name {
        case .fedavg: return FedAvg(options: options)
        case .fedavgm:
            return try FedAvgM(serverLearningRate: v("server-learning-rate"), serverMomentum: v("server-momentum"), options: options)
        case .fedprox: return try FedProx(proximalMu: v("proximal-mu"), options: options)
        case .fedadam:
            return try FedAdam(learningRate: v("learning-rate"), beta1: v("beta1"), beta2: v("beta2"), tau: v("tau"), options: options)
        case .fedyogi:
            return try FedYogi(learningRate: v("learning-rate"), beta1: v("beta1"), beta2: v("beta2"), tau: v("tau"), options: options)
        case .fedadagrad: return try FedAdagrad(learningRate: v("learning-rate"), beta1: v("beta1"), tau: v("tau"), options: options)
        case .qfedavg: return try QFedAvg(q: v("q"), learningRate: v("learning-rate"), options: options)
        case .scaffold: return try SCAFFOLD(nodeCount: clients, options: options)
        case .median: return FedMedian(options: options)
        case .trimmedMean: return FedTrimmedAvg(trimFraction: v("trim-fraction"), options: options)
        case .krum: return Krum(byzantineCount: Int(v("byzantine")), options: options)
        case .multiKrum: return Krum(byzantineCount: Int(v("byzantine")), selectionCount: Int(v("selection")), options: options)
        case .bulyan: return Bulyan(byzantineCount: Int(v("byzantine")), options: options)
        }
    }
}
