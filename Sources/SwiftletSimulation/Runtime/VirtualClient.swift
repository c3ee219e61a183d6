import SwiftletData
import SwiftletFederated

/// A simulated device: its data and identity, training on a model borrowed from a ``ModelWorkerPool``.
///
/// The simulator's counterpart of ``ModelClient``, running the same ``LocalTrainer`` code — so its updates
/// are bit-identical to a ``ModelClient``'s with the same data, seed and round — but owning no model: the
/// client is a description (node id, data source, seed), and per-client state (SCAFFOLD's c_i) lives in a
/// shared ``ClientStateStore``.
public struct VirtualClient: Client {
    /// The node this client is.
    public let node: NodeID
    /// Its training data.
    public let training: ClientDataSource
    /// Its test data, or `nil` to evaluate on the training data.
    public let test: ClientDataSource?
    /// Its shuffling seed (used when the config has no ``FitConfigKey/seed``).
    public let seed: UInt64
    /// Where it borrows a model.
    public let workers: ModelWorkerPool
    /// Where its state between rounds lives.
    public let state: ClientStateStore

    /// Creates a client.
    public init(node: NodeID, training: ClientDataSource, test: ClientDataSource? = nil, seed: UInt64,
                workers: ModelWorkerPool, state: ClientStateStore) {
        self.node = node
        self.training = training
        self.test = test
        self.seed = seed
        self.workers = workers
        self.state = state
    }

    /// The parameters of a freshly lent model — only meaningful when every worker starts from the same
    /// initialisation; strategies normally send initial parameters instead.
    public func parameters(config: ConfigRecord) async throws -> ArrayRecord {
        await workers.withTrainer { trainer in ArrayRecord(model: trainer.model) }
    }

    /// Materialises the data, checks it fits the model, borrows a worker and trains as ``ModelClient`` does.
    ///
    /// - Throws: ``ClientError``, or a data generator's error.
    public func fit(_ instruction: FitInstruction) async throws -> FitResult {
        let dataset = try training.materialize()
        try LocalTrainer.check(dataset, named: "training", inputSize: workers.inputSize, outputSize: workers.outputSize)
        let seed = self.seed
        var control = await state.controlVariate(of: node)
        let before = control
        let result = try await workers.withTrainer { (trainer) throws(ClientError) in
            var updated = control
            let result = try trainer.fit(instruction, trainingSet: dataset, seed: seed, controlVariate: &updated)
            return Outcome(result: result, control: updated)
        }
        control = result.control
        if control != before { await state.setControlVariate(control, of: node) }
        return result.result
    }

    /// Evaluates on the test data (or the training data) with a borrowed worker.
    ///
    /// - Throws: ``ClientError``, or a data generator's error.
    public func evaluate(_ instruction: EvaluateInstruction) async throws -> EvaluateResult {
        let dataset = try (test ?? training).materialize()
        try LocalTrainer.check(dataset, named: test == nil ? "training" : "test", inputSize: workers.inputSize,
                               outputSize: workers.outputSize)
        return try await workers.withTrainer { (trainer) throws(ClientError) in
            try trainer.evaluate(instruction, dataset: dataset)
        }
    }

    private struct Outcome: Sendable {
        var result: FitResult
        var control: [Float]?
    }
}
