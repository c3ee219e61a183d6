/// Why a dataset could not be split across clients as asked.
public enum PartitionError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The client count (or shards per client) is not positive.
    case invalidClientCount(Int)
    /// There are fewer samples than pieces to cut.
    case tooFewSamples(samples: Int, pieces: Int)
    /// A distribution parameter (Dirichlet α, power-law exponent, log-normal σ, minimum size) is out of range.
    case invalidParameter(name: String, value: Double)
    /// Dirichlet draws kept leaving some client below the minimum size.
    case minimumSizeNotReached(minimum: Int, attempts: Int, smallest: Int)
    /// A partition names a sample index outside the dataset.
    case sampleIndexOutOfRange(client: Int, index: Int, samples: Int)
    /// A sample's label is outside `0..<classes`.
    case labelOutOfRange(sample: Int, label: Int, classes: Int)

    /// A one-line, human-readable account of what went wrong and where.
    public var description: String {
        switch self {
        case .invalidClientCount(let count): "cannot partition across \(count) clients"
        case let .tooFewSamples(samples, pieces): "\(samples) samples cannot be cut into \(pieces) non-empty pieces"
        case let .invalidParameter(name, value): "partition parameter \(name) = \(value) is out of range"
        case let .minimumSizeNotReached(minimum, attempts, smallest):
            "Dirichlet split: after \(attempts) attempts the smallest client still had \(smallest) samples, "
                + "fewer than the minimum \(minimum) (raise α, lower the minimum, or use fewer clients)"
        case let .sampleIndexOutOfRange(client, index, samples):
            "client \(client): sample index \(index) is outside 0..<\(samples)"
        case let .labelOutOfRange(sample, label, classes): "sample \(sample): label \(label) is outside 0..<\(classes)"
        }
    }
}
