import SwiftletTensor
import SwiftletNN
import SwiftletData

/// The ready-made ``Client``: trains a SwiftletNN ``Sequential`` on a local ``LabeledDataset``, driven by the
/// config keys a strategy sends (``FitConfigKey``), so a federation needs no hand-written training loop.
///
/// The counterpart of a Flower `NumPyClient` whose `fit` runs the usual PyTorch loop. Per fit the client checks
/// the received parameters against the model's layout and for NaN/∞, loads them, trains with a fresh optimizer
/// (as in Flower, where the loop builds its optimizer each round, no optimizer state — momentum, Adam moments —
/// survives between rounds), and returns the full trained parameters. FedProx (``ProximalTerm``) and SCAFFOLD
/// option II (``ControlVariateTerm``; the client's control variate c_i lives in this actor) are config switches.
///
/// Deterministic: the shuffle generator is derived from the seed and the round, and the model's training is
/// independent of its ``Sequential/pool``'s thread count, so the same seed and round give bit-identical
/// updates. Side-effect free on error: a call that throws leaves the model's parameters and c_i untouched.
///
/// The client is an actor because it owns a non-`Sendable` model; the model is handed over with `sending`, so
/// nothing else can keep a reference to it.
///
/// ```swift
/// let client = try ModelClient(preset: .cnn, training: shard, test: localTest, seed: nodeID.rawValue)
/// let result = try await client.fit(FitInstruction(round: 1, parameters: global,
///                                                  config: [FitConfigKey.localEpochs: 5, FitConfigKey.batchSize: 10]))
/// ```
public actor ModelClient: Client {
    /// The training logic over this client's own model; only this actor touches it.
    let trainer: LocalTrainer
    /// The local training set; its size is the fit result's example count.
    public let trainingSet: LabeledDataset
    /// The local test set evaluation uses, or `nil` to evaluate on the training set.
    public let testSet: LabeledDataset?
    /// The seed shuffling derives from when the config has no ``FitConfigKey/seed``.
    public let seed: UInt64
    /// SCAFFOLD's client control variate c_i, one value per parameter; zeros until the first SCAFFOLD round.
    public internal(set) var controlVariate: [Float] {
        get { storedControlVariate ?? [Float](repeating: 0, count: trainer.model.parameterCount) }
        set { storedControlVariate = newValue }
    }
    /// c_i once a SCAFFOLD round has set it: clients of other strategies never pay a model's worth of zeros.
    var storedControlVariate: [Float]?

    /// Creates a client owning `model`.
    ///
    /// - Parameters:
    ///   - seed: the client's shuffling seed; give each client its own (a node id will do), or every client
    ///     with the same seed draws the same batch order.
    /// - Throws: ``ClientError/incompatibleDataset(dataset:reason:)`` when a set is empty, its samples are not
    ///   the model's input size, its classes exceed the model's outputs, or a feature is NaN or infinite.
    public init(model: sending Sequential, training: LabeledDataset, test: LabeledDataset? = nil,
                seed: UInt64 = 0) throws(ClientError) {
        try LocalTrainer.check(training, named: "training", inputSize: model.inputSize, outputSize: model.outputSize)
        if let test { try LocalTrainer.check(test, named: "test", inputSize: model.inputSize, outputSize: model.outputSize) }
        self.trainer = LocalTrainer(model: model)
        self.trainingSet = training
        self.testSet = test
        self.seed = seed
    }

    /// Creates a client owning a fresh zoo model initialised from `modelSeed`, running on `pool`.
    ///
    /// - Throws: as ``init(model:training:test:seed:)``.
    public init(preset: ModelPreset, modelSeed: UInt64 = 0, pool: ComputePool = .serial,
                training: LabeledDataset, test: LabeledDataset? = nil, seed: UInt64 = 0) throws(ClientError) {
        // Every preset builds (the zoo's tests check each one), so a failure here is a programming error.
        let model = try! Sequential(preset: preset, seed: modelSeed, pool: pool)
        try self.init(model: model, training: training, test: test, seed: seed)
    }

    /// The model's current parameters: its initial ones, or those left by the last successful fit.
    public func parameters(config: ConfigRecord) -> ArrayRecord {
        ArrayRecord(model: trainer.model)
    }

    /// Trains locally from `instruction.parameters` and returns the trained model; see
    /// ``LocalTrainer/fit(_:trainingSet:seed:controlVariate:)`` for the steps, SCAFFOLD and FedProx.
    ///
    /// - Returns: the full trained parameters, the training set's size, and metrics ``MetricKey/loss``,
    ///   ``MetricKey/accuracy`` and ``MetricKey/steps``.
    /// - Throws: ``ClientError``; on any error the model's parameters and c_i are as before the call.
    public func fit(_ instruction: FitInstruction) throws(ClientError) -> FitResult {
        try trainer.fit(instruction, trainingSet: trainingSet, seed: seed, controlVariate: &storedControlVariate)
    }

    /// Measures `instruction.parameters` on the test set (or the training set when there is none), leaving the
    /// model's parameters as they were; see ``LocalTrainer/evaluate(_:dataset:)``.
    public func evaluate(_ instruction: EvaluateInstruction) throws(ClientError) -> EvaluateResult {
        try trainer.evaluate(instruction, dataset: testSet ?? trainingSet)
    }
}
