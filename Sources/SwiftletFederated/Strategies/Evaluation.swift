/// A loss and metrics for one model, from a central test set or aggregated over nodes.
public struct Evaluation: Sendable, Equatable, Codable, CustomStringConvertible {
    /// The (weighted mean) loss.
    public var loss: Double
    /// Other metrics, such as `accuracy`.
    public var metrics: MetricRecord

    /// Creates an evaluation.
    public init(loss: Double, metrics: MetricRecord = [:]) {
        self.loss = loss
        self.metrics = metrics
    }

    /// `loss <value>` followed by the metrics.
    public var description: String {
        metrics.isEmpty ? "loss \(loss)" : "loss \(loss), \(metrics)"
    }
}

/// A new global model and the round's aggregated training metrics.
public struct FitAggregate: Sendable, Equatable {
    /// The new global parameters.
    public var parameters: ArrayRecord
    /// Aggregated training metrics.
    public var metrics: MetricRecord

    /// Creates an aggregate.
    public init(parameters: ArrayRecord, metrics: MetricRecord = [:]) {
        self.parameters = parameters
        self.metrics = metrics
    }
}
