/// What a node sends back after local training: its parameters, how many examples it trained on, and metrics.
public struct FitResult: Sendable, Equatable {
    /// The trained parameters (or an encoded update).
    public var payload: UpdatePayload
    /// The number of local training examples — FedAvg's weight.
    public var exampleCount: Int
    /// Training metrics (loss, accuracy, …).
    public var metrics: MetricRecord
    /// Extra model-shaped state for the strategy, such as SCAFFOLD's control-variate delta.
    public var auxiliary: [String: ArrayRecord]

    /// Creates a result carrying plain arrays.
    public init(parameters: ArrayRecord, exampleCount: Int, metrics: MetricRecord = [:],
                auxiliary: [String: ArrayRecord] = [:]) {
        self.init(payload: .arrays(parameters), exampleCount: exampleCount, metrics: metrics, auxiliary: auxiliary)
    }

    /// Creates a result with any payload.
    public init(payload: UpdatePayload, exampleCount: Int, metrics: MetricRecord = [:],
                auxiliary: [String: ArrayRecord] = [:]) {
        self.payload = payload
        self.exampleCount = exampleCount
        self.metrics = metrics
        self.auxiliary = auxiliary
    }
}
