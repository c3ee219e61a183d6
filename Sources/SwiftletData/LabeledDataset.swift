import SwiftletTensor

/// A set of labelled samples held as one contiguous feature buffer: the form every trainer consumes.
///
/// Features are row-major with the sample outermost (`count × sampleShape`), labels are class indices.
public struct LabeledDataset: Sendable, Equatable {
    /// The per-sample feature shape, e.g. `[1, 28, 28]` for MNIST.
    public let sampleShape: [Int]
    /// `count × sampleSize` feature values.
    public let features: [Float]
    /// One class index per sample.
    public let labels: [Int32]
    /// The number of classes labels are drawn from.
    public let classCount: Int

    /// Creates a dataset, checking that sizes agree and every label is in `0..<classCount`.
    public init(sampleShape: [Int], features: [Float], labels: [Int32], classCount: Int) throws(DatasetError) {
        let sampleSize = sampleShape.reduce(1, *)
        guard sampleSize > 0, features.count == labels.count * sampleSize else {
            throw .sizeMismatch(features: features.count, labels: labels.count, sampleShape: sampleShape)
        }
        if let bad = labels.firstIndex(where: { $0 < 0 || Int($0) >= classCount }) {
            throw .labelOutOfRange(sample: bad, label: Int(labels[bad]), classes: classCount)
        }
        self.sampleShape = sampleShape
        self.features = features
        self.labels = labels
        self.classCount = classCount
    }

    /// The number of samples.
    public var count: Int { labels.count }
    /// The number of feature values per sample.
    public var sampleSize: Int { sampleShape.reduce(1, *) }

    /// The samples at `indices`, in that order.
    public func subset(_ indices: some Sequence<Int>) -> LabeledDataset {
        var features: [Float] = []
        var labels: [Int32] = []
        features.reserveCapacity(indices.underestimatedCount * sampleSize)
        labels.reserveCapacity(indices.underestimatedCount)
        for index in indices {
            features.append(contentsOf: self.features[(index * sampleSize)..<((index + 1) * sampleSize)])
            labels.append(self.labels[index])
        }
        return try! LabeledDataset(sampleShape: sampleShape, features: features, labels: labels, classCount: classCount)
    }

    /// The first `count` samples (or all, if fewer).
    public func prefix(_ count: Int) -> LabeledDataset {
        subset(0..<Swift.min(count, self.count))
    }
}

/// Errors raised when a dataset is assembled from inconsistent parts.
public enum DatasetError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The feature count is not `labels × sample size`.
    case sizeMismatch(features: Int, labels: Int, sampleShape: [Int])
    /// Sample `sample` has a label outside `0..<classes`.
    case labelOutOfRange(sample: Int, label: Int, classes: Int)
    /// A batch size that is zero or negative.
    case invalidBatchSize(Int)
    /// A validation fraction outside `0...1`.
    case invalidSplitFraction(Double)
    /// A sample index outside `0..<count`.
    case sampleIndexOutOfRange(index: Int, count: Int)
    /// A destination buffer has the wrong size for the requested batch.
    case bufferSizeMismatch(expected: Int, actual: Int)
    /// A federated dataset with no clients.
    case noClients
    /// Two clients of a federated dataset share an id.
    case duplicateClient(String)
    /// A client's class count differs from the other clients'.
    case classCountMismatch(client: String, classes: Int, expected: Int)

    /// A one-line, human-readable account of what went wrong and where.
    public var description: String {
        switch self {
        case .sizeMismatch(let features, let labels, let shape):
            return "\(features) feature values do not make \(labels) samples of shape \(shape)"
        case .labelOutOfRange(let sample, let label, let classes):
            return "sample \(sample): label \(label) is outside 0..<\(classes)"
        case .invalidBatchSize(let size):
            return "batch size \(size) must be positive"
        case .invalidSplitFraction(let fraction):
            return "validation fraction \(fraction) is outside 0...1"
        case .sampleIndexOutOfRange(let index, let count):
            return "sample index \(index) is outside 0..<\(count)"
        case .bufferSizeMismatch(let expected, let actual):
            return "buffer holds \(actual) values, the batch needs \(expected)"
        case .noClients:
            return "a federated dataset needs at least one client"
        case .duplicateClient(let id):
            return "client id '\(id)' appears more than once"
        case .classCountMismatch(let client, let classes, let expected):
            return "client '\(client)' has \(classes) classes, the others \(expected)"
        }
    }
}
