/// The config keys ``ModelClient`` reads from a fit instruction, and what each one means.
///
/// A strategy sets them through ``StrategyOptions/fitConfig`` (Flower's `on_fit_config_fn`); every key is
/// optional and falls back to the default given here. ``LocalTrainingPlan/init(config:)`` parses and checks
/// them: a value of the wrong type or outside its sane range is an error naming the key, never a silent
/// default. ``ModelClient/evaluate(_:)`` reads ``batchSize`` too.
public enum FitConfigKey {
    /// `local-epochs` (int, default 1, in `1...10_000`): passes over the local training set per round.
    public static let localEpochs = "local-epochs"
    /// `local-steps` (int, optional, in `1...10_000_000`): train exactly this many mini-batch steps instead of
    /// whole epochs, reshuffling at each pass over the data; ``localEpochs`` is then ignored. SCAFFOLD and
    /// FedProx analyses count local steps K rather than epochs.
    public static let localSteps = "local-steps"
    /// `batch-size` (int, default 32, in `1...16_777_216`): samples per mini-batch; the last batch of an
    /// epoch is partial when the set size is not a multiple.
    public static let batchSize = "batch-size"
    /// `learning-rate` (double, default 0.01, finite and positive): the local optimizer's step size η.
    public static let learningRate = "learning-rate"
    /// `momentum` (double, default 0, in `0..<1`): SGD's momentum factor; only valid with `optimizer` `sgd`.
    public static let momentum = "momentum"
    /// `weight-decay` (double, default 0, finite and non-negative): L2 penalty added to the gradient.
    public static let weightDecay = "weight-decay"
    /// `optimizer` (string, default `sgd`): `sgd` (PyTorch's `torch.optim.SGD`) or `adam` (`torch.optim.Adam`).
    public static let optimizer = "optimizer"
    /// `proximal-mu` (double, default 0, finite and non-negative): FedProx's μ (Li et al., "Federated
    /// Optimization in Heterogeneous Networks", MLSys 2020). When positive, local training adds
    /// ``ProximalTerm`` `μ/2 ‖w − w_global‖²` anchored at the parameters the client received.
    public static let proximalMu = "proximal-mu"
    /// `scaffold` (bool, default false): train with SCAFFOLD's drift correction (Karimireddy et al., ICML 2020).
    /// The instruction must carry the server control variate as auxiliary ``AuxiliaryKey/scaffoldControl``;
    /// the result carries the client's control-variate change as ``AuxiliaryKey/scaffoldControlDelta``.
    public static let scaffold = "scaffold"
    /// `report-initial-loss` (bool, default false): also report metric ``MetricKey/initialLoss``, the mean
    /// training loss of the received model before any local step — what q-FedAvg (Li et al., ICLR 2020) needs.
    public static let reportInitialLoss = "report-initial-loss"
    /// `seed` (int, optional): replaces the client's own seed for this round's shuffling. The shuffle
    /// generator is derived from the seed and the round, so a seed and round fix the update.
    public static let seed = "seed"
}
