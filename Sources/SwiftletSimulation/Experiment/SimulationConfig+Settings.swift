import SwiftletNN

extension SimulationConfig {
    /// `[data]`: the dataset, where it is read from, and how much of it is used.
    public struct DataSettings: Sendable, Equatable {
        /// Which loader reads the data.
        public var dataset: DatasetKind = .mnist
        /// The file or folder to read; empty for the bundled copy (see ``DatasetKind`` for what each expects).
        public var path = ""
        /// A held-out test file (leaf, csv); empty for the loader's own test split.
        public var testPath = ""
        /// Use only the first N training samples (0: all).
        public var trainLimit = 0
        /// Use only the first N test samples (0: all).
        public var testLimit = 0
        /// CSV: the label column's header name.
        public var labelColumn = "label"
        /// CSV: the client-id column's header name; empty for none. Enables the `natural` partition.
        public var clientColumn = ""
        /// Synthetic: α, the spread of the clients' models (Li et al., "Federated Optimization in
        /// Heterogeneous Networks", MLSys 2020).
        public var alpha = 1.0
        /// Synthetic: β, the spread of the clients' inputs.
        public var beta = 1.0
        /// Synthetic: input features (LEAF's generator has 60).
        public var dimensions = 60
        /// Synthetic: classes (LEAF's generator has 10).
        public var classes = 10

        /// Creates the defaults: the bundled MNIST, all of it.
        public init() {}
    }

    /// `[partition]`: how the training samples are dealt to clients.
    public struct PartitionSettings: Sendable, Equatable {
        /// The split.
        public var scheme: PartitionScheme = Defaults.partition
        /// Clients (virtual devices).
        public var clients = Defaults.clients
        /// Shards per client (`shards`).
        public var shardsPerClient = 2
        /// Dirichlet concentration α (`dirichlet`): smaller is more skewed.
        public var alpha = 0.5
        /// How client sizes are drawn (`quantity-skew`).
        public var sizes: SizeDistribution = .powerLaw
        /// Power-law exponent (`quantity-skew` with `power-law`).
        public var exponent = 1.5
        /// Log-normal σ (`quantity-skew` with `log-normal`).
        public var sigma = 1.0

        /// Creates the defaults: Dirichlet(0.5) label skew over 100 clients.
        public init() {}
    }

    /// `[model]`: the zoo architecture; its class count adapts to the dataset.
    public struct ModelSettings: Sendable, Equatable {
        /// The zoo preset.
        public var preset: ModelPreset = ModelPreset(rawValue: Defaults.model)!

        /// Creates the default (`lenet5`).
        public init() {}
    }

    /// `[client]`: how each sampled client trains, sent to it as its fit config.
    public struct ClientSettings: Sendable, Equatable {
        /// Local epochs per round.
        public var localEpochs = Defaults.localEpochs
        /// Local steps per round; 0 uses ``localEpochs``.
        public var localSteps = 0
        /// Local batch size.
        public var batchSize = Defaults.batchSize
        /// Local learning rate.
        public var learningRate = Defaults.learningRate
        /// SGD momentum.
        public var momentum = 0.0
        /// L2 weight decay.
        public var weightDecay = 0.0
        /// The local optimizer.
        public var optimizer: LocalOptimizer = .sgd

        /// Creates the defaults: 5 epochs of SGD at batch 10.
        public init() {}
    }

    /// `[server]`: sampling, the round deadline, failure handling, evaluation and stop conditions.
    public struct ServerSettings: Sendable, Equatable {
        /// Clients sampled per round.
        public var perRound = Defaults.perRound
        /// Accepted results a round needs (0: ``perRound``, the sampling minimum).
        public var minimumResults = 0
        /// Simulated seconds from a round's start; devices finishing later are stragglers and are dropped.
        public var deadline = Defaults.deadline
        /// What a round with too few results does.
        public var onFailure: FailurePolicy = .skip
        /// Retries of a failed round (`retry`).
        public var retries = 3
        /// Central evaluation on the test set every N rounds (0: never).
        public var evaluateEvery = 1
        /// Federated evaluation on sampled clients every N rounds (0: never).
        public var federatedEvaluateEvery = 0
        /// Stop when central accuracy reaches this (0: no target).
        public var targetAccuracy = 0.0
        /// Stop after this many simulated seconds (0: no budget).
        public var timeBudget = 0.0
        /// How devices encode their updates: `f32le` (the trained parameters, 4 bytes each) or a
        /// ``SwiftletFederated/CompressedCodec`` specification such as `topk:0.01+u8`, which sends the update
        /// as a compressed delta (trained − received).
        public var uplinkCodec = "f32le"
        /// How the server encodes the model: `f32le` (the whole model every round) or a compressed
        /// specification, which sends each device the delta against the model it last received (the whole
        /// model, as float32, on first contact).
        public var downlinkCodec = "f32le"
        /// Whether devices keep what the uplink codec dropped and add it to their next update
        /// (``SwiftletFederated/ErrorFeedback``); needs a compressed uplink codec.
        public var errorFeedback = false

        /// Creates the defaults.
        public init() {}
    }

    /// `[output]`: where results go.
    public struct OutputSettings: Sendable, Equatable {
        /// The results directory.
        public var directory = "results/default"
        /// Whether to draw SVG charts.
        public var charts = true
        /// Whether `rounds.jsonl` carries a record per device.
        public var deviceDetail = true

        /// Creates the defaults.
        public init() {}
    }
}
