/// A fit result that passed validation: decoded, of the global model's layout, finite, sensibly weighted.
///
/// Only updates in this form reach a strategy's aggregator, so aggregation code never re-checks its input.
public struct ClientUpdate: Sendable {
    /// The node that sent it.
    public var node: NodeID
    /// The node's trained parameters, full model (deltas are resolved against the global model first).
    public var parameters: [Float]
    /// The number of examples the node trained on (positive).
    public var exampleCount: Int
    /// The node's training metrics.
    public var metrics: MetricRecord
    /// Extra model-shaped vectors, each checked finite, such as SCAFFOLD's control-variate delta.
    public var auxiliary: [String: [Float]]

    /// Creates an update. The round engine builds these from validated results; tests build them directly.
    public init(node: NodeID, parameters: [Float], exampleCount: Int, metrics: MetricRecord = [:],
                auxiliary: [String: [Float]] = [:]) {
        self.node = node
        self.parameters = parameters
        self.exampleCount = exampleCount
        self.metrics = metrics
        self.auxiliary = auxiliary
    }
}

/// The small part of an accepted update the strategy sees after aggregation: who, how many examples, metrics.
public struct FitSummary: Sendable, Equatable {
    /// The node.
    public var node: NodeID
    /// Its example count.
    public var exampleCount: Int
    /// Its training metrics.
    public var metrics: MetricRecord

    /// Creates a summary.
    public init(node: NodeID, exampleCount: Int, metrics: MetricRecord) {
        self.node = node
        self.exampleCount = exampleCount
        self.metrics = metrics
    }
}

/// One node's evaluation, as the strategy receives it.
public struct EvaluateSummary: Sendable, Equatable {
    /// The node.
    public var node: NodeID
    /// Its result.
    public var result: EvaluateResult

    /// Creates a summary.
    public init(node: NodeID, result: EvaluateResult) {
        self.node = node
        self.result = result
    }
}

/// A node that did not deliver a usable result, and why.
public struct NodeFailure: Sendable, Equatable, Codable {
    /// What went wrong.
    public enum Kind: String, Sendable, Equatable, Codable {
        /// The client threw or the connection failed.
        case failed
        /// The result arrived but failed validation.
        case rejected
        /// No result before the round's deadline.
        case timedOut
    }

    /// The node.
    public var node: NodeID
    /// What went wrong.
    public var kind: Kind
    /// The reason, for people.
    public var reason: String

    /// Creates a failure.
    public init(node: NodeID, kind: Kind, reason: String) {
        self.node = node
        self.kind = kind
        self.reason = reason
    }
}
