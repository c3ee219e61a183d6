/// A labelled dataset read from a CSV file: feature columns, a label column, optionally a client-id column.
///
/// Load with ``load(contentsOfFile:options:)`` (raw or gzipped) or ``parse(_:file:options:)``; group by the
/// client-id column with ``federated()`` for the natural-id split.
public struct CSVDataset: Sendable, Equatable {
    /// Every data row as one sample, in file order.
    public let dataset: LabeledDataset
    /// For each sample, its client-id cell; `nil` when no client-id column was asked for.
    public let clientIDs: [String]?
    /// The header's names of the feature columns, in order; `nil` when the file has no header.
    public let featureNames: [String]?

    /// Creates a CSV dataset from its parts.
    public init(dataset: LabeledDataset, clientIDs: [String]?, featureNames: [String]?) {
        self.dataset = dataset
        self.clientIDs = clientIDs
        self.featureNames = featureNames
    }

    /// The samples grouped by client id, clients in order of first appearance, samples in file order.
    ///
    /// Without a client-id column the whole file is one client, `"all"`. CSV files carry no test split, so
    /// each client's `test` holds no samples; split one off with ``LabeledDataset/split(validationFraction:generator:)``.
    public func federated() -> FederatedDataset {
        let empty = try! LabeledDataset(sampleShape: dataset.sampleShape, features: [], labels: [],
                                        classCount: dataset.classCount)
        guard let clientIDs else {
            return try! FederatedDataset(clients: [.init(id: "all", training: dataset, test: empty)])
        }
        var order: [String] = []
        var members: [String: [Int]] = [:]
        for (sample, id) in clientIDs.enumerated() {
            if members[id] == nil { order.append(id) }
            members[id, default: []].append(sample)
        }
        // Ids are unique by construction and every part shares the dataset's shape and classes.
        return try! FederatedDataset(clients: order.map { id in
            FederatedDataset.Client(id: id, training: dataset.subset(members[id]!), test: empty)
        })
    }
}
