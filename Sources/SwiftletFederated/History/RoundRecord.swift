/// What happened in one round: who was asked, what came back, what was refused, and the metrics.
///
/// One line of the history's JSON Lines export; one row of its CSV.
public struct RoundRecord: Sendable, Equatable, Codable {
    /// How a round ended.
    public enum Status: String, Sendable, Equatable, Codable {
        /// Enough results arrived and the strategy produced a new global model.
        case completed
        /// Too few results, or the strategy could not aggregate; the global model is unchanged.
        case failed
    }

    /// The round, counting from 1; 0 is the initial evaluation before any training.
    public var round: Int
    /// Which attempt at the round this was (1 unless retried).
    public var attempt: Int
    /// How it ended.
    public var status: Status
    /// Why it failed, when it did.
    public var failureReason: String?
    /// When the round started, in seconds of the engine's clock since the run started: when its nodes were
    /// sampled, after any wait for enough of them to be available (a round that failed waiting: when the
    /// wait began).
    public var startTime: Double
    /// How long the training part took, in seconds of the engine's clock, from sampling to the last result
    /// or the deadline (a round that failed waiting for nodes: the wait).
    public var duration: Double
    /// The nodes sampled to train, in sampling order.
    public var sampled: [NodeID]
    /// The nodes whose results were aggregated, in the order they were added.
    public var accepted: [NodeID]
    /// Results refused by validation, with the reason.
    public var rejected: [NodeFailure]
    /// Nodes whose client or connection failed.
    public var failed: [NodeFailure]
    /// Nodes that had not answered at the deadline.
    public var timedOut: [NodeID]
    /// Nodes whose result arrived after the deadline and was discarded.
    public var late: [NodeID]
    /// Whether accepted results were aggregated in sampling order (false: arrival order, either by
    /// configuration or because the reorder buffer overflowed) — when true, the aggregate is reproducible.
    public var aggregatedInSamplingOrder: Bool
    /// The total example count of the accepted results.
    public var exampleCount: Int
    /// The strategy's aggregated training metrics.
    public var fitMetrics: MetricRecord
    /// Federated evaluation of the new model, when this round ran one.
    public var federatedEvaluation: Evaluation?
    /// Central evaluation of the new model, when this round ran one.
    public var centralEvaluation: Evaluation?
    /// Nodes whose federated evaluation failed, was refused or timed out.
    public var evaluationFailures: [NodeFailure]
    /// Why an evaluation that should have run produced nothing, when it did not.
    public var evaluationFailure: String?

    /// An empty record for `round`.
    public init(round: Int, attempt: Int = 1, status: Status = .completed, startTime: Double = 0) {
        self.round = round
        self.attempt = attempt
        self.status = status
        self.startTime = startTime
        duration = 0
        sampled = []
        accepted = []
        rejected = []
        failed = []
        timedOut = []
        late = []
        exampleCount = 0
        fitMetrics = [:]
        evaluationFailures = []
        aggregatedInSamplingOrder = true
    }
}
