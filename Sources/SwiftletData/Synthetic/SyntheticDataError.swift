/// Why a synthetic federated dataset could not be made as asked.
public enum SyntheticDataError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A heterogeneity parameter (α or β) is negative or not finite.
    case invalidParameter(name: String, value: Double)
    /// The client count is not positive.
    case invalidClientCount(Int)
    /// A client index outside `0..<clients`.
    case clientOutOfRange(client: Int, clients: Int)
    /// Client sizes whose log-normal parameters or bounds make no sense (σ < 0, minimum < 1, maximum < minimum).
    case invalidSizes(String)

    /// A one-line, human-readable account of what went wrong and where.
    public var description: String {
        switch self {
        case let .invalidParameter(name, value): "Synthetic(α, β): \(name) = \(value) must be a finite number ≥ 0"
        case .invalidClientCount(let count): "Synthetic(α, β): \(count) clients; need at least 1"
        case let .clientOutOfRange(client, clients): "Synthetic(α, β): client \(client) is outside 0..<\(clients)"
        case .invalidSizes(let detail): "Synthetic(α, β) client sizes: \(detail)"
        }
    }
}
