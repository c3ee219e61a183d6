import SwiftletData

extension Experiment {
    /// Clients whose pooled test parts make the central test set of a synthetic run (all clients when fewer).
    static let syntheticTestClients = 100

    /// LEAF's Synthetic(α, β) over the configured clients. Each client's generated samples are split by
    /// position, the last tenth (at least one) held out for testing, as LEAF splits each user's data; the
    /// central test set pools the held-out parts of the first ``syntheticTestClients`` clients.
    static func synthetic(_ config: SimulationConfig) throws -> ExperimentData {
        let generator = try SyntheticFederatedDataset(alpha: config.data.alpha, beta: config.data.beta,
                                                      clients: config.partition.clients, seed: config.seed)
        var features: [Float] = []
        var labels: [Int32] = []
        for client in 0..<min(syntheticTestClients, generator.clients) {
            let test = try syntheticParts(generator, client: client).test
            features += test.features
            labels += test.labels
        }
        let shape = [SyntheticFederatedDataset.featureCount]
        let classes = SyntheticFederatedDataset.classCount
        return ExperimentData(train: try LabeledDataset(sampleShape: shape, features: [], labels: [], classCount: classes),
                              test: try LabeledDataset(sampleShape: shape, features: features, labels: labels, classCount: classes),
                              clientIDs: nil, synthetic: generator,
                              source: "Synthetic(\(config.data.alpha), \(config.data.beta))")
    }

    /// Client `client`'s training and held-out parts (see ``synthetic(_:)``).
    static func syntheticParts(_ generator: SyntheticFederatedDataset, client: Int) throws -> (train: LabeledDataset, test: LabeledDataset) {
        let all = try generator.client(client)
        let testCount = max(1, Int((Double(all.count) * 0.1).rounded()))
        return (all.prefix(all.count - testCount), all.subset((all.count - testCount)..<all.count))
    }
}
