import SwiftletData
import SwiftletTensor

/// A dataset loaded for an experiment: pooled training and test sets and, for data with writers, speakers or
/// CSV client ids, the natural client of every training sample. Synthetic data is a generator instead.
struct ExperimentData: Sendable {
    /// Pooled training samples (empty for synthetic data).
    var train: LabeledDataset
    /// The held-out test set for central evaluation.
    var test: LabeledDataset
    /// The natural client index of each training sample, when the data has one.
    var clientIDs: [Int]?
    /// LEAF's Synthetic(α, β) generator, for `synthetic`.
    var synthetic: SyntheticFederatedDataset?
    /// What was read, for messages and the description (`bundled MNIST`, a path).
    var source: String

    var sampleShape: [Int] { train.sampleShape }
    var classCount: Int { train.classCount }

    /// The fraction held out for testing when a dataset comes without a test split (CSV, digits, LEAF files
    /// without a test file).
    static let heldOutFraction = 0.2

    /// Keeps the first `trainLimit` training and `testLimit` test samples (0: all).
    mutating func limit(train trainLimit: Int, test testLimit: Int) {
        if trainLimit > 0, trainLimit < train.count {
            train = train.prefix(trainLimit)
            clientIDs = clientIDs.map { Array($0.prefix(trainLimit)) }
        }
        if testLimit > 0, testLimit < test.count { test = test.prefix(testLimit) }
    }

    /// Splits a seeded, fixed fraction off `all` as the test set; both parts keep the original sample order
    /// and client ids stay aligned with the training part.
    static func holdOut(_ all: LabeledDataset, clientIDs: [Int]?, seed: UInt64, source: String) -> ExperimentData {
        var generator = SeededGenerator(seed: seed ^ 0x7E57_5EED)
        var order = Array(0..<all.count)
        generator.shuffle(&order)
        let testCount = Int((Double(all.count) * heldOutFraction).rounded())
        let testIndices = order.prefix(testCount).sorted()
        let trainIndices = order.dropFirst(testCount).sorted()
        return ExperimentData(train: all.subset(trainIndices), test: all.subset(testIndices),
                              clientIDs: clientIDs.map { ids in trainIndices.map { ids[$0] } }, synthetic: nil, source: source)
    }

    /// Pools a federated dataset's clients, remembering each training sample's client.
    init(_ federated: FederatedDataset, seed: UInt64, source: String) {
        let test = federated.pooledTest()
        if test.count > 0 {
            self.init(train: federated.pooledTraining(), test: test, clientIDs: federated.pooledTrainingClientIndices(),
                      synthetic: nil, source: source)
        } else {
            self = Self.holdOut(federated.pooledTraining(), clientIDs: federated.pooledTrainingClientIndices(),
                                seed: seed, source: source)
        }
    }

    init(train: LabeledDataset, test: LabeledDataset, clientIDs: [Int]?, synthetic: SyntheticFederatedDataset?, source: String) {
        self.train = train
        self.test = test
        self.clientIDs = clientIDs
        self.synthetic = synthetic
        self.source = source
    }
}
