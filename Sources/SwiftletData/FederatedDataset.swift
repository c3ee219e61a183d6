/// A dataset held by named clients: the natural split of a federated corpus (speakers, writers, the client-id
/// column of a CSV file), each client with its own training and test samples.
///
/// Clients keep the order of the source file. Every client's data share one sample shape and class count, so
/// the pooled forms concatenate them into one ``LabeledDataset`` for central training or evaluation.
public struct FederatedDataset: Sendable, Equatable {
    /// One client's local data.
    public struct Client: Sendable, Equatable {
        /// The client's identifier in the source (speaker name, LEAF user, CSV client id).
        public let id: String
        /// The client's training samples.
        public let training: LabeledDataset
        /// The client's held-out samples; holds no samples when the source has no test split.
        public let test: LabeledDataset

        /// Creates a client from its two parts.
        public init(id: String, training: LabeledDataset, test: LabeledDataset) {
            self.id = id
            self.training = training
            self.test = test
        }
    }

    /// The clients, in the order of the source.
    public let clients: [Client]
    /// The per-sample feature shape every client shares.
    public let sampleShape: [Int]
    /// The number of classes every client's labels are drawn from.
    public let classCount: Int

    /// Creates a federated dataset, checking that ids are unique and all parts agree on shape and classes.
    ///
    /// - Throws: ``DatasetError/sizeMismatch(features:labels:sampleShape:)`` when a client's shape differs from
    ///   the first client's, ``DatasetError/classCountMismatch(client:classes:expected:)`` when its class count
    ///   does, ``DatasetError/duplicateClient(_:)`` for a repeated id, ``DatasetError/noClients`` when empty.
    public init(clients: [Client]) throws(DatasetError) {
        guard let first = clients.first else { throw .noClients }
        var seen = Set<String>()
        for client in clients {
            guard seen.insert(client.id).inserted else { throw .duplicateClient(client.id) }
            for part in [client.training, client.test] {
                guard part.sampleShape == first.training.sampleShape else {
                    throw .sizeMismatch(features: part.features.count, labels: part.count, sampleShape: first.training.sampleShape)
                }
                guard part.classCount == first.training.classCount else {
                    throw .classCountMismatch(client: client.id, classes: part.classCount, expected: first.training.classCount)
                }
            }
        }
        self.clients = clients
        self.sampleShape = first.training.sampleShape
        self.classCount = first.training.classCount
    }

    /// The number of clients.
    public var count: Int { clients.count }
    /// The client identifiers, in order.
    public var ids: [String] { clients.map(\.id) }
    /// Each client's number of training samples, in order.
    public var trainingSizes: [Int] { clients.map(\.training.count) }
    /// Each client's number of test samples, in order.
    public var testSizes: [Int] { clients.map(\.test.count) }

    /// The client named `id`, if any.
    public func client(_ id: String) -> Client? {
        clients.first { $0.id == id }
    }

    /// Every client's training samples concatenated in client order: the centralised baseline's data.
    public func pooledTraining() -> LabeledDataset {
        Self.concatenate(clients.map(\.training), sampleShape: sampleShape, classCount: classCount)
    }

    /// Every client's test samples concatenated in client order: the usual central test set.
    public func pooledTest() -> LabeledDataset {
        Self.concatenate(clients.map(\.test), sampleShape: sampleShape, classCount: classCount)
    }

    /// For each pooled training sample, the index of the client that holds it (the natural-id split's ids).
    public func pooledTrainingClientIndices() -> [Int] {
        clients.indices.flatMap { index in repeatElement(index, count: clients[index].training.count) }
    }

    static func concatenate(_ parts: [LabeledDataset], sampleShape: [Int], classCount: Int) -> LabeledDataset {
        var features: [Float] = []
        var labels: [Int32] = []
        features.reserveCapacity(parts.reduce(0) { $0 + $1.features.count })
        labels.reserveCapacity(parts.reduce(0) { $0 + $1.count })
        for part in parts {
            features.append(contentsOf: part.features)
            labels.append(contentsOf: part.labels)
        }
        // The parts were validated with these shapes and classes, so the whole is valid too.
        return try! LabeledDataset(sampleShape: sampleShape, features: features, labels: labels, classCount: classCount)
    }
}
