/// Everything that fixes a simulated federation: data, split, model, strategy, local training, server
/// policy, device fleet and output — seed included.
///
/// Read from TOML with ``init(toml:)`` (every key optional, unknown keys are errors naming their path), written
/// back complete — every key, defaults filled in — by ``toml()``, so the file written beside a run's results
/// reproduces it: `SimulationConfig(toml: c.toml()) == c`. Fields are plain `var`s so command-line flags can
/// override a loaded file; call ``validate()`` after changing them. ``Experiment/build(_:)`` turns a config
/// into something runnable and finds everything else that can be wrong (files, memory, links) before training.
/// The schema is documented, key by key, in docs/SIMULATION-CONFIG.md.
public struct SimulationConfig: Sendable, Equatable {
    /// Seeds the split, the model's initialisation, client sampling, local shuffling, link losses and
    /// availability draws.
    public var seed: UInt64 = Defaults.seed
    /// Training rounds.
    public var rounds: Int = Defaults.rounds
    /// Models kept for training (0: one per core). Never changes results.
    public var workers: Int = 0
    /// `[data]`: which dataset and how much of it.
    public var data = DataSettings()
    /// `[partition]`: how training samples are split across clients.
    public var partition = PartitionSettings()
    /// `[model]`: the zoo architecture.
    public var model = ModelSettings()
    /// `[strategy]`: the server's aggregation rule and its options.
    public var strategy = StrategySettings()
    /// `[client]`: local training.
    public var client = ClientSettings()
    /// `[server]`: sampling, deadlines, evaluation and stop conditions.
    public var server = ServerSettings()
    /// `[[fleet]]`: the device groups clients are drawn from, in order.
    public var fleet: [FleetGroup] = Defaults.fleet
    /// `[output]`: where and what to write.
    public var output = OutputSettings()

    /// The default experiment: bundled MNIST split non-IID over 100 clients by Dirichlet(0.5) label skew
    /// (Hsu et al. 2019), `lenet5`, FedAvg with 10 clients per round for 40 rounds, a 60/40 fleet of phones
    /// on LTE and Raspberry Pis on Wi-Fi. It reaches about 98.5% test accuracy in about a minute on 2 cores.
    public init() {}

    /// The default experiment (see ``init()``).
    public static let `default` = SimulationConfig()

    /// The default experiment's numbers, in one place so they can be recalibrated after measuring.
    public enum Defaults {
        /// The seed.
        public static let seed: UInt64 = 1
        /// Training rounds.
        public static let rounds = 40
        /// Clients the training set is split across.
        public static let clients = 100
        /// Clients sampled per round.
        public static let perRound = 10
        /// Local epochs per round.
        public static let localEpochs = 5
        /// Local batch size.
        public static let batchSize = 10
        /// Local SGD learning rate.
        public static let learningRate = 0.05
        /// The round deadline, simulated seconds.
        public static let deadline = 300.0
        /// The partition scheme.
        public static let partition = PartitionScheme.dirichlet
        /// The zoo model.
        public static let model = "lenet5"
        /// The fleet when no `[[fleet]]` is given: 60% phones on LTE, 40% Raspberry Pi 4s on Wi-Fi, always online.
        public static let fleet: [FleetGroup] = [
            FleetGroup(profile: .phone, size: .share(0.6)),
            FleetGroup(profile: .raspberryPi4, size: .share(0.4)),
        ]
    }
}
