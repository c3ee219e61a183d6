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
    /// The model; only this actor touches it.
    let model: Sequential
    /// The model's parameter layout, which every received record must match.
    let specs: [ArraySpec]
    /// The local training set; its size is the fit result's example count.
    public let trainingSet: LabeledDataset
    /// The local test set evaluation uses, or `nil` to evaluate on the training set.
    public let testSet: LabeledDataset?
    /// The seed shuffling derives from when the config has no ``FitConfigKey/seed``.
    public let seed: UInt64
    /// SCAFFOLD's client control variate c_i, one value per parameter; zeros until the first SCAFFOLD round.
    public internal(set) var controlVariate: [Float] {
        get { storedControlVariate ?? [Float](repeating: 0, count: model.parameterCount) }
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
        try Self.check(training, named: "training", inputSize: model.inputSize, outputSize: model.outputSize)
        if let test { try Self.check(test, named: "test", inputSize: model.inputSize, outputSize: model.outputSize) }
        self.specs = ArrayRecord.specs(of: model)
        self.model = model
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
        ArrayRecord(model: model)
    }

    /// Measures `instruction.parameters` on the test set (or the training set when there is none).
    ///
    /// Batches hold ``FitConfigKey/batchSize`` samples (default 32), which bounds memory, not the result. The
    /// model's own parameters are restored afterwards: evaluation has no side effects.
    /// - Returns: the mean loss, the set's size and metric ``MetricKey/accuracy``.
    /// - Throws: a layout or non-finite ``ClientError`` for bad parameters, ``ClientError/invalidConfig(_:)``
    ///   for a bad batch size, or ``ClientError/evaluationFailed(_:)``.
    public func evaluate(_ instruction: EvaluateInstruction) throws(ClientError) -> EvaluateResult {
        let batchSize: Int
        do { batchSize = try LocalTrainingPlan.batchSize(in: instruction.config) ?? LocalTrainingPlan().batchSize } catch {
            throw .invalidConfig(error)
        }
        try check(instruction.parameters, record: "parameters")
        let dataset = testSet ?? trainingSet
        let saved = model.parameterVector
        defer { load(saved) }
        load(instruction.parameters.values)
        let (loss, accuracy) = try measure(dataset, batchSize: batchSize, failure: ClientError.evaluationFailed)
        return EvaluateResult(loss: Double(loss), exampleCount: dataset.count,
                              metrics: [MetricKey.accuracy: .double(Double(accuracy))])
    }

    /// Mean loss and accuracy of the model as it stands on `dataset`.
    func measure(_ dataset: LabeledDataset, batchSize: Int,
                 failure: (ModelError) -> ClientError) throws(ClientError) -> (loss: Float, accuracy: Float) {
        let model = self.model
        do {
            return try dataset.features.withUnsafeBufferPointer { (x) throws(ModelError) in
                try dataset.labels.withUnsafeBufferPointer { (y) throws(ModelError) in
                    try model.evaluate(inputs: x, labels: y, batchSize: min(batchSize, dataset.count))
                }
            }
        } catch {
            throw failure(error)
        }
    }

    /// Overwrites every parameter with `values` (already checked: right length, finite).
    func load(_ values: [Float]) {
        _ = model.parameters.update(fromContentsOf: values)
    }

    /// Checks a set once, up front, so a bad sample is reported as a dataset problem rather than a failed round.
    static func check(_ dataset: LabeledDataset, named name: String, inputSize: Int, outputSize: Int) throws(ClientError) {
        guard dataset.count > 0 else { throw .incompatibleDataset(dataset: name, reason: "it holds no samples") }
        guard dataset.sampleSize == inputSize else {
            throw .incompatibleDataset(dataset: name, reason: "samples have \(dataset.sampleSize) values \(dataset.sampleShape), the model takes \(inputSize)")
        }
        guard dataset.classCount <= outputSize else {
            throw .incompatibleDataset(dataset: name, reason: "\(dataset.classCount) classes, the model has \(outputSize) outputs")
        }
        let finite = dataset.features.withUnsafeBufferPointer { Kernels.allFinite($0.baseAddress!, count: $0.count) }
        if !finite, let bad = dataset.features.firstIndex(where: { !$0.isFinite }) {
            throw .incompatibleDataset(dataset: name, reason: "sample \(bad / inputSize) has a NaN or infinite value at index \(bad % inputSize)")
        }
    }
}
