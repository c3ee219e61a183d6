import SwiftletData
import SwiftletTensor

extension Experiment {
    /// One client's data sources, in partition order.
    struct ClientSource: Sendable {
        var training: ClientDataSource
        var test: ClientDataSource?
    }

    /// Splits the data into the configured clients and reports the split.
    ///
    /// The split draws from `SeededGenerator(seed: config.seed)`, as `swiftlet federate` does, so both make the
    /// same clients from the same seed. Natural splits take the first `partition.clients` writers, speakers or
    /// CSV ids in file order, each client a dataset of its own; other splits share the pooled training set.
    static func clients(_ config: SimulationConfig, data: ExperimentData) throws(ExperimentError) -> ([ClientSource], PartitionReport?) {
        let p = config.partition
        if let generator = data.synthetic { return try syntheticClients(generator) }
        let labels = data.train.labels
        var random = SeededGenerator(seed: config.seed)
        let parts: [[Int]]
        do {
            switch p.scheme {
            case .iid: parts = try Partitioner.iid(count: labels.count, clients: p.clients, generator: &random)
            case .shards:
                parts = try Partitioner.shards(labels: labels, clients: p.clients, shardsPerClient: p.shardsPerClient, generator: &random)
            case .dirichlet: parts = try Partitioner.dirichlet(labels: labels, clients: p.clients, alpha: p.alpha, generator: &random)
            case .quantitySkew:
                let sizes: QuantitySkew = p.sizes == .powerLaw ? .powerLaw(exponent: p.exponent) : .logNormal(sigma: p.sigma)
                parts = try Partitioner.quantitySkew(count: labels.count, clients: p.clients, distribution: sizes, generator: &random)
            case .natural:
                // validate() admits `natural` only for data with client ids.
                let all = try Partitioner.naturalID(ids: data.clientIDs ?? [])
                guard all.count >= p.clients else {
                    throw ExperimentError.partition(key: "partition.clients", reason: "asks for \(p.clients) clients, but the "
                        + "\(data.train.count) training samples of \(data.source) have only \(all.count) natural clients")
                }
                parts = Array(all.prefix(p.clients))
            }
        } catch let error as ExperimentError {
            throw error
        } catch {
            throw .partition(key: p.scheme == .shards ? "partition.shards-per-client" : "partition.clients",
                             reason: "\(p.scheme.rawValue) split of \(labels.count) training samples into \(p.clients) clients: \(error)")
        }
        let report: PartitionReport
        do {
            report = try PartitionReport(partition: parts, labels: labels, classCount: data.classCount)
        } catch {
            throw .partition(key: "partition", reason: "\(error)")
        }
        let sources = parts.map { indices in
            p.scheme == .natural ? ClientSource(training: .dataset(data.train.subset(indices)), test: nil)
                                 : ClientSource(training: .subset(data.train, indices: indices), test: nil)
        }
        return (sources, report)
    }

    /// Generated clients: each makes its data from the seed when it trains; the report generates them all
    /// once when there are at most ``maximumSyntheticReportClients``.
    private static func syntheticClients(_ generator: SyntheticFederatedDataset) throws(ExperimentError) -> ([ClientSource], PartitionReport?) {
        // One shared reference in every closure instead of a copy of the generator's parameters: a million
        // clients then cost two small closure contexts each.
        let shared = SharedSynthetic(generator)
        let sources = (0..<generator.clients).map { k in
            ClientSource(training: .generated { try syntheticParts(shared.generator, client: k).train },
                         test: .generated { try syntheticParts(shared.generator, client: k).test })
        }
        guard generator.clients <= maximumSyntheticReportClients else { return (sources, nil) }
        do {
            var labels: [Int32] = []
            var parts: [[Int]] = []
            for k in 0..<generator.clients {
                let part = try syntheticParts(generator, client: k).train
                parts.append(Array(labels.count..<(labels.count + part.count)))
                labels += part.labels
            }
            return (sources, try PartitionReport(partition: parts, labels: labels, classCount: SyntheticFederatedDataset.classCount))
        } catch {
            throw .dataset(file: "synthetic", reason: "\(error)")
        }
    }
}

/// A synthetic generator shared by reference among its clients' data closures.
final class SharedSynthetic: Sendable {
    let generator: SyntheticFederatedDataset
    init(_ generator: SyntheticFederatedDataset) { self.generator = generator }
}
