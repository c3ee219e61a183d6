import SwiftletFederated

/// The state virtual clients keep between rounds, held by the simulator rather than by a model.
///
/// Today that is SCAFFOLD's client control variate c_i: clients of other strategies store nothing. An actor,
/// because clients of one round train concurrently and each reads and writes its own entry.
public actor ClientStateStore {
    private var controlVariates: [NodeID: [Float]] = [:]

    /// An empty store.
    public init() {}

    /// Client `node`'s control variate, or `nil` (zeros) before its first SCAFFOLD round.
    public func controlVariate(of node: NodeID) -> [Float]? { controlVariates[node] }

    /// Stores client `node`'s control variate.
    public func setControlVariate(_ value: [Float]?, of node: NodeID) { controlVariates[node] = value }

    /// The number of clients holding state.
    public var clientCount: Int { controlVariates.count }
}
