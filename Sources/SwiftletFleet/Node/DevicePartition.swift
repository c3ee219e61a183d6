import SwiftletData
import SwiftletFederated
import SwiftletNN
import SwiftletSimulation

/// One device's share of an experiment: the same partition `swiftlet simulate` would give virtual client
/// `index`, with the model architecture the server trains.
///
/// The partition is drawn with the experiment's partitioner and seed, so N nodes started with partitions
/// 0…N-1 of one config hold exactly the client datasets the simulation of that config uses — a deployment
/// can be checked against its simulation.
public struct DevicePartition: Sendable {
    /// The partition's index, 0-based (Flower's `partition-id`).
    public let index: Int
    /// How many partitions the experiment has.
    public let count: Int
    /// The device's training samples.
    public let training: LabeledDataset
    /// The device's held-out samples, when the partitioner keeps some.
    public let test: LabeledDataset?
    /// The device's shuffling seed.
    public let seed: UInt64
    /// A line describing the data, for logs.
    public let description: String
    private let makeModel: @Sendable (UInt64) throws -> Sequential

    /// Loads the experiment's data and takes partition `index`.
    /// - Throws: ``ExperimentError`` for unreadable data or a config error; ``DevicePartitionError`` for an index
    ///   outside `0..<clients`.
    public init(config: SimulationConfig, index: Int) throws {
        let clients = config.partition.clients
        guard index >= 0 else { throw DevicePartitionError(index: index, count: clients) }
        let experiment = try Experiment.build(config)
        let specs = experiment.setup.clients
        guard index < specs.count else { throw DevicePartitionError(index: index, count: specs.count) }
        let spec = specs[index]
        self.index = index
        self.count = specs.count
        self.training = try spec.training.materialize()
        self.test = try spec.test?.materialize()
        self.seed = spec.seed
        self.makeModel = experiment.setup.makeModel
        self.description = "partition \(index) of \(specs.count): \(training.count) training samples"
            + (test.map { ", \($0.count) test" } ?? "") + "; model \(config.model.preset.rawValue)"
    }

    /// A client that trains a fresh model of the experiment's architecture on this partition.
    /// - Throws: ``ClientError`` when the data does not fit the model.
    public func makeClient() throws -> ModelClient {
        try ModelClient(model: makeModel(seed), training: training, test: test, seed: seed)
    }
}

/// A partition index outside the experiment's partitions.
public struct DevicePartitionError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The index asked for.
    public var index: Int
    /// How many partitions there are.
    public var count: Int

    /// Creates the error for `index` of `count` partitions.
    public init(index: Int, count: Int) {
        self.index = index
        self.count = count
    }

    /// A human-readable message.
    public var description: String {
        "--partition \(index): the experiment has \(count) partitions, numbered 0 to \(count - 1) (set partition.clients to change)"
    }
}
