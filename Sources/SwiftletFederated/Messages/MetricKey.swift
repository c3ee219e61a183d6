/// Names of the metrics ``ModelClient`` reports, so strategies and dashboards read them without string typos.
public enum MetricKey {
    /// `loss`: mean training loss of the last local epoch (fit) or mean loss on the evaluated set (evaluate).
    public static let loss = "loss"
    /// `accuracy`: fraction of argmax hits, over the last local epoch (fit) or the evaluated set (evaluate).
    public static let accuracy = "accuracy"
    /// `steps`: the number of local optimisation steps taken in a fit.
    public static let steps = "steps"
    /// `initial-loss`: mean training loss of the received model before local training (q-FedAvg's input);
    /// reported when ``FitConfigKey/reportInitialLoss`` is set.
    public static let initialLoss = "initial-loss"
}
