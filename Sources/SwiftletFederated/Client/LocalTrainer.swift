import SwiftletData
import SwiftletNN
import SwiftletTensor

/// The training and evaluation behind ``ModelClient``, over a model the trainer borrows rather than owns.
///
/// ``ModelClient`` keeps one model per client; the simulator keeps one model per worker and lends it to
/// whichever virtual client trains next, so thousands of clients cost their data, not a model each. Both run
/// exactly this code, so a virtual client's update is bit-identical to a ``ModelClient``'s with the same data,
/// seed and round. Not `Sendable`: it holds the model, which one task uses at a time.
public struct LocalTrainer {
    /// The model trained and evaluated; its parameters are overwritten by every call.
    public let model: Sequential
    /// The model's parameter layout, which every received record must match.
    let specs: [ArraySpec]

    /// A trainer working on `model`.
    public init(model: Sequential) {
        self.model = model
        specs = ArrayRecord.specs(of: model)
    }

    /// Measures `instruction.parameters` on `dataset`.
    ///
    /// Batches hold ``FitConfigKey/batchSize`` samples (default 32), which bounds memory, not the result. The
    /// model's own parameters are restored afterwards.
    /// - Returns: the mean loss, the set's size and metric ``MetricKey/accuracy``.
    /// - Throws: a layout or non-finite ``ClientError`` for bad parameters, ``ClientError/invalidConfig(_:)``
    ///   for a bad batch size, or ``ClientError/evaluationFailed(_:)``.
    public func evaluate(_ instruction: EvaluateInstruction, dataset: LabeledDataset) throws(ClientError) -> EvaluateResult {
        let batchSize: Int
        do { batchSize = try LocalTrainingPlan.batchSize(in: instruction.config) ?? LocalTrainingPlan().batchSize } catch {
            throw .invalidConfig(error)
        }
        try check(instruction.parameters, record: "parameters")
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

    /// Checks a dataset fits the model (non-empty, right sample size, classes within the outputs, finite), once,
    /// up front, so a bad sample is reported as a dataset problem rather than a failed round.
    public static func check(_ dataset: LabeledDataset, named name: String, inputSize: Int, outputSize: Int) throws(ClientError) {
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
