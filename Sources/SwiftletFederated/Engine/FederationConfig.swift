import SwiftletTensor

/// What to do when a round gets fewer usable results than it needs.
public enum RoundFailurePolicy: Sendable, Equatable {
    /// Run the round again with a new sample, up to `attempts` more times, then stop the run.
    case retry(attempts: Int)
    /// Stop the run at once.
    case stop
    /// Keep the global model, record the failure, and go on to the next round.
    case skip
}

/// The order accepted results are folded into the aggregate.
public enum ResultOrdering: Sendable, Equatable {
    /// In sampling order, holding early arrivals until the ones sampled before them are in (or timed out): the
    /// aggregate is bit-identical across runs whatever the nodes' timing. The held results are bounded by
    /// ``FederationConfig/reorderBufferBytes``; past it the round folds what it holds and continues in arrival
    /// order, and its record says so (``RoundRecord/aggregatedInSamplingOrder``) — memory stays O(model).
    case sampled
    /// As they arrive: memory O(model), but floating-point sums depend on arrival order.
    case arrival
}

/// Prepares a round attempt: given the round, the attempt and the engine clock's seconds since the run
/// started, returns the nodes whose availability changes (`true`: online).
public typealias RoundPreparation = @Sendable (_ round: Int, _ attempt: Int, _ seconds: Double) async -> [(NodeID, Bool)]

/// Saves a checkpoint after a finished round; the engine awaits it before the next round starts, and a throw
/// stops the run with ``StopReason/checkpointFailed(round:reason:)``.
public typealias RoundCompletion = @Sendable (_ checkpoint: EngineCheckpoint) async throws -> Void

/// How the round engine runs a federation: rounds, deadlines, failure handling, evaluation, stop conditions.
public struct FederationConfig: Sendable {
    /// The most training rounds to run.
    public var rounds: Int
    /// Each round's deadline, from its start (once its nodes are sampled); results after it are discarded as late.
    public var roundTimeout: Duration
    /// The fewest accepted results a round needs; `nil` uses the strategy's ``SamplingPolicy/minimum``.
    public var minimumResults: Int?
    /// What a round with too few results does.
    public var onFailure: RoundFailurePolicy
    /// Federated evaluation every this many rounds (0: never).
    public var evaluateEvery: Int
    /// Central evaluation every this many rounds (0: never); round 0 (the initial model) is evaluated too.
    public var centralEvaluateEvery: Int
    /// Stop once this accuracy is reached (central evaluation's, else federated's).
    public var targetAccuracy: Double?
    /// The metric the target applies to.
    public var accuracyMetric: String
    /// Stop when this much of the engine's clock has passed (checked between rounds).
    public var timeBudget: Duration?
    /// How long to wait for enough nodes to be available before a round; then the round fails.
    public var availabilityTimeout: Duration
    /// Seeds node sampling. Each round attempt draws from a generator split by (round, attempt) alone, so a
    /// run resumed from a checkpoint samples the same nodes for a round as the interrupted run did, provided
    /// the same nodes are available.
    public var seed: UInt64
    /// The order accepted results are aggregated.
    public var ordering: ResultOrdering
    /// The most bytes of early results ``ResultOrdering/sampled`` may hold back (default 256 MiB: 40 `cnn`
    /// updates, 336 `2nn` ones).
    public var reorderBufferBytes: Int
    /// Codecs accepted in results, and the example-count limit.
    public var validator: UpdateValidator
    /// Where aggregation runs.
    public var pool: ComputePool
    /// Called before each round attempt samples its nodes; the availability changes it returns are applied
    /// first. How a simulator moves devices online and offline on its own clock: the engine awaits it, so
    /// no round samples from stale availability.
    public var roundPreparation: RoundPreparation?
    /// Called with a checkpoint after every finished round — aggregated and evaluated, or failed and skipped
    /// under ``RoundFailurePolicy/skip`` — and awaited before the next round starts: durability precedes
    /// progress. If it throws, the run stops with ``StopReason/checkpointFailed(round:reason:)`` and returns
    /// that round's model (complete, but not durably saved). Resume with ``RoundEngine/run(resumingFrom:)``.
    public var roundCompletion: RoundCompletion?

    /// Creates a configuration.
    public init(
        rounds: Int = 10, roundTimeout: Duration = .seconds(600), minimumResults: Int? = nil,
        onFailure: RoundFailurePolicy = .retry(attempts: 2), evaluateEvery: Int = 1, centralEvaluateEvery: Int = 1,
        targetAccuracy: Double? = nil, accuracyMetric: String = "accuracy", timeBudget: Duration? = nil,
        availabilityTimeout: Duration = .seconds(300), seed: UInt64 = 0, ordering: ResultOrdering = .sampled,
        reorderBufferBytes: Int = 256 << 20, validator: UpdateValidator = UpdateValidator(), pool: ComputePool = .allCores,
        roundPreparation: RoundPreparation? = nil, roundCompletion: RoundCompletion? = nil
    ) {
        self.rounds = rounds
        self.roundTimeout = roundTimeout
        self.minimumResults = minimumResults
        self.onFailure = onFailure
        self.evaluateEvery = evaluateEvery
        self.centralEvaluateEvery = centralEvaluateEvery
        self.targetAccuracy = targetAccuracy
        self.accuracyMetric = accuracyMetric
        self.timeBudget = timeBudget
        self.availabilityTimeout = availabilityTimeout
        self.seed = seed
        self.ordering = ordering
        self.reorderBufferBytes = reorderBufferBytes
        self.validator = validator
        self.pool = pool
        self.roundPreparation = roundPreparation
        self.roundCompletion = roundCompletion
    }

    /// Checks every setting, naming the first bad one.
    public func validate() throws(FederationError) {
        func bad(_ setting: String, _ reason: String) -> FederationError { .invalidConfiguration(setting: setting, reason: reason) }
        guard rounds >= 1 else { throw bad("rounds", "must be at least 1, got \(rounds)") }
        guard roundTimeout > .zero else { throw bad("roundTimeout", "must be positive") }
        if let minimumResults, minimumResults < 1 { throw bad("minimumResults", "must be at least 1, got \(minimumResults)") }
        if case .retry(let attempts) = onFailure, attempts < 0 { throw bad("onFailure", "retry attempts must be ≥ 0") }
        guard evaluateEvery >= 0 else { throw bad("evaluateEvery", "must be ≥ 0") }
        guard centralEvaluateEvery >= 0 else { throw bad("centralEvaluateEvery", "must be ≥ 0") }
        if let targetAccuracy, !(targetAccuracy.isFinite && targetAccuracy > 0 && targetAccuracy <= 1) {
            throw bad("targetAccuracy", "must be in (0, 1], got \(targetAccuracy)")
        }
        if let timeBudget, timeBudget <= .zero { throw bad("timeBudget", "must be positive") }
        guard availabilityTimeout >= .zero else { throw bad("availabilityTimeout", "must be ≥ 0") }
        guard reorderBufferBytes >= 0 else { throw bad("reorderBufferBytes", "must be ≥ 0") }
        guard validator.maxExampleCount > 0 else { throw bad("validator.maxExampleCount", "must be positive") }
    }
}

/// Why a run could not start or continue.
public enum FederationError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A setting is out of range.
    case invalidConfiguration(setting: String, reason: String)
    /// No initial parameters: the strategy had none and no node could provide them.
    case noInitialParameters(reason: String)
    /// The engine is already running or has finished.
    case alreadyStarted
    /// A checkpoint cannot be resumed by this engine: another strategy, a model layout or state that does
    /// not fit, or a history that runs past the checkpoint's round.
    case invalidCheckpoint(reason: String)

    public var description: String {
        switch self {
        case let .invalidConfiguration(setting, reason): "invalid configuration '\(setting)': \(reason)"
        case .noInitialParameters(let reason): "no initial parameters: \(reason)"
        case .alreadyStarted: "the engine has already been started"
        case .invalidCheckpoint(let reason): "cannot resume from the checkpoint: \(reason)"
        }
    }
}
