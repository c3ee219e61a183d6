/// Why a dataset could not be split across clients as asked.
public enum PartitionError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The client count (or shards per client) is not positive.
    case invalidClientCount(Int)
    /// There are fewer samples than pieces to cut.
    case tooFewSamples(samples: Int, pieces: Int)

    public var description: String {
        switch self {
        case .invalidClientCount(let count): "cannot partition across \(count) clients"
        case let .tooFewSamples(samples, pieces): "\(samples) samples cannot be cut into \(pieces) non-empty pieces"
        }
    }
}
