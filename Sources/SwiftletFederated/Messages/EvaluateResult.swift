/// A node's measurement of a model on its local data.
public struct EvaluateResult: Sendable, Equatable {
    /// The mean loss over the examples.
    public var loss: Double
    /// The number of examples evaluated — the weight in federated averages of loss and metrics.
    public var exampleCount: Int
    /// Other metrics (accuracy, …).
    public var metrics: MetricRecord

    /// Creates a result.
    public init(loss: Double, exampleCount: Int, metrics: MetricRecord = [:]) {
        self.loss = loss
        self.exampleCount = exampleCount
        self.metrics = metrics
    }
}
