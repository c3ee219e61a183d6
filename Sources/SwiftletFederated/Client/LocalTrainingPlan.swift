import SwiftletNN

/// How a client trains in one round: a fit instruction's config, parsed and checked.
///
/// A pure value: ``init(config:)`` reads the ``FitConfigKey`` keys with ``ConfigRecord``'s strict typed
/// readers, applies the defaults and rejects values outside sane ranges with
/// ``RecordError/invalidValue(key:value:reason:)`` naming the key. ``ModelClient`` turns it into an optimizer
/// and a training loop.
public struct LocalTrainingPlan: Sendable, Equatable {
    /// The local optimizer.
    public enum OptimizerKind: String, Sendable, Equatable, CaseIterable {
        /// ``SGD``, with optional momentum and weight decay.
        case sgd
        /// ``Adam``, with optional (coupled L2) weight decay.
        case adam
    }

    /// The most epochs a round may ask for.
    public static let maximumEpochs = 10_000
    /// The most steps a round may ask for.
    public static let maximumSteps = 10_000_000
    /// The largest batch a model can plan for.
    public static let maximumBatchSize = 1 << 24

    /// Passes over the training set (ignored when ``steps`` is set).
    public var epochs: Int
    /// An exact number of mini-batch steps that replaces ``epochs``, or `nil`.
    public var steps: Int?
    /// Samples per mini-batch.
    public var batchSize: Int
    /// The step size η.
    public var learningRate: Double
    /// SGD momentum.
    public var momentum: Double
    /// L2 weight decay.
    public var weightDecay: Double
    /// Which optimizer trains.
    public var optimizer: OptimizerKind
    /// FedProx's μ; 0 trains without a proximal term.
    public var proximalMu: Double
    /// Whether to apply SCAFFOLD's control-variate correction.
    public var scaffold: Bool
    /// Whether to report the received model's training loss as ``MetricKey/initialLoss``.
    public var reportInitialLoss: Bool
    /// A seed that replaces the client's own, or `nil`.
    public var seed: Int?

    /// Creates a plan; the defaults are those of an empty config.
    public init(epochs: Int = 1, steps: Int? = nil, batchSize: Int = 32, learningRate: Double = 0.01,
                momentum: Double = 0, weightDecay: Double = 0, optimizer: OptimizerKind = .sgd,
                proximalMu: Double = 0, scaffold: Bool = false, reportInitialLoss: Bool = false, seed: Int? = nil) {
        self.epochs = epochs
        self.steps = steps
        self.batchSize = batchSize
        self.learningRate = learningRate
        self.momentum = momentum
        self.weightDecay = weightDecay
        self.optimizer = optimizer
        self.proximalMu = proximalMu
        self.scaffold = scaffold
        self.reportInitialLoss = reportInitialLoss
        self.seed = seed
    }

    /// Parses the ``FitConfigKey`` entries of `config`; other keys are ignored (they may be for custom clients).
    ///
    /// - Throws: ``RecordError/typeMismatch(key:expected:actual:)`` for a value of the wrong type, or
    ///   ``RecordError/invalidValue(key:value:reason:)`` naming the key whose value is out of range.
    public init(config: ConfigRecord) throws(RecordError) {
        self.init()
        if let value = try config.int(FitConfigKey.localEpochs) {
            guard (1...Self.maximumEpochs).contains(value) else {
                throw .invalidValue(key: FitConfigKey.localEpochs, value: "\(value)", reason: "must be in 1...\(Self.maximumEpochs)")
            }
            epochs = value
        }
        if let value = try config.int(FitConfigKey.localSteps) {
            guard (1...Self.maximumSteps).contains(value) else {
                throw .invalidValue(key: FitConfigKey.localSteps, value: "\(value)", reason: "must be in 1...\(Self.maximumSteps)")
            }
            steps = value
        }
        if let value = try Self.batchSize(in: config) { batchSize = value }
        if let value = try config.double(FitConfigKey.learningRate) {
            // Float is what the optimizers step with: a rate that rounds to 0 or ∞ there is no rate at all.
            guard value.isFinite, value > 0, Float(value) > 0, Float(value).isFinite else {
                throw .invalidValue(key: FitConfigKey.learningRate, value: "\(value)", reason: "must be finite and positive")
            }
            learningRate = value
        }
        if let value = try config.double(FitConfigKey.momentum) {
            guard value >= 0, value < 1 else {
                throw .invalidValue(key: FitConfigKey.momentum, value: "\(value)", reason: "must be in 0..<1")
            }
            momentum = value
        }
        if let value = try config.double(FitConfigKey.weightDecay) {
            guard value.isFinite, value >= 0, Float(value).isFinite else {
                throw .invalidValue(key: FitConfigKey.weightDecay, value: "\(value)", reason: "must be finite and non-negative")
            }
            weightDecay = value
        }
        if let value = try config.string(FitConfigKey.optimizer) {
            guard let kind = OptimizerKind(rawValue: value) else {
                let known = OptimizerKind.allCases.map(\.rawValue).joined(separator: ", ")
                throw .invalidValue(key: FitConfigKey.optimizer, value: "\"\(value)\"", reason: "unknown optimizer; expected one of \(known)")
            }
            optimizer = kind
        }
        if optimizer != .sgd && momentum != 0 {
            throw .invalidValue(key: FitConfigKey.momentum, value: "\(momentum)", reason: "applies only to optimizer sgd")
        }
        if let value = try config.double(FitConfigKey.proximalMu) {
            guard value.isFinite, value >= 0, Float(value).isFinite else {
                throw .invalidValue(key: FitConfigKey.proximalMu, value: "\(value)", reason: "must be finite and non-negative")
            }
            proximalMu = value
        }
        scaffold = try config.bool(FitConfigKey.scaffold) ?? false
        reportInitialLoss = try config.bool(FitConfigKey.reportInitialLoss) ?? false
        seed = try config.int(FitConfigKey.seed)
    }

    /// The ``FitConfigKey/batchSize`` entry of `config`, checked, or `nil` when absent.
    ///
    /// Evaluation reads it alone, since an evaluate config need not hold valid training keys.
    /// - Throws: ``RecordError/typeMismatch(key:expected:actual:)`` or ``RecordError/invalidValue(key:value:reason:)``.
    public static func batchSize(in config: ConfigRecord) throws(RecordError) -> Int? {
        guard let value = try config.int(FitConfigKey.batchSize) else { return nil }
        guard (1...maximumBatchSize).contains(value) else {
            throw .invalidValue(key: FitConfigKey.batchSize, value: "\(value)", reason: "must be in 1...\(maximumBatchSize)")
        }
        return value
    }

    /// The number of steps one pass over `count` samples takes: ⌈count / batchSize⌉.
    public func stepsPerEpoch(sampleCount count: Int) -> Int {
        (count + batchSize - 1) / batchSize
    }

    /// The total number of local steps K over `count` samples: ``steps`` if set, else epochs × ⌈count / batch⌉.
    public func totalSteps(sampleCount count: Int) -> Int {
        steps ?? epochs * stepsPerEpoch(sampleCount: count)
    }

    /// A fresh optimizer for one round (Flower semantics: no optimizer state survives between rounds).
    public func makeOptimizer() -> any Optimizer {
        switch optimizer {
        case .sgd:
            SGD(learningRate: Float(learningRate), momentum: Float(momentum), weightDecay: Float(weightDecay))
        case .adam:
            Adam(learningRate: Float(learningRate), weightDecay: Float(weightDecay))
        }
    }
}
