import SwiftletData

/// Where a virtual client's local data comes from, materialised only while the client trains.
///
/// A partition of a shared dataset costs its indices (the dataset itself is stored once); generated data
/// (LEAF's Synthetic, say) costs nothing until asked for — so a million virtual clients cost what their
/// descriptions cost.
public enum ClientDataSource: Sendable {
    /// Samples `indices` of a dataset shared by all clients.
    case subset(LabeledDataset, indices: [Int])
    /// A dataset of the client's own.
    case dataset(LabeledDataset)
    /// Data made on demand, deterministically (the closure must return the same data every call).
    case generated(@Sendable () throws -> LabeledDataset)

    /// The client's data.
    ///
    /// - Throws: whatever a generator throws.
    public func materialize() throws -> LabeledDataset {
        switch self {
        case let .subset(dataset, indices): dataset.subset(indices)
        case .dataset(let dataset): dataset
        case .generated(let make): try make()
        }
    }

    /// The number of samples, without materialising subsets or datasets (generated data is made to count it).
    public func count() throws -> Int {
        switch self {
        case let .subset(_, indices): indices.count
        case .dataset(let dataset): dataset.count
        case .generated(let make): try make().count
        }
    }
}
