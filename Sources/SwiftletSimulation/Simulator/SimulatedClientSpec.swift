import SwiftletFederated

/// One virtual device of a simulation: who it is, its data, and the hardware and radio it runs on.
///
/// A description, not a model: it costs its data source (indices or a generator) and a profile, so a
/// simulation can hold a million of them.
public struct SimulatedClientSpec: Sendable {
    /// The node id the engine knows it by.
    public var node: NodeID
    /// Its local training data.
    public var training: ClientDataSource
    /// Its local test data for federated evaluation, or `nil` to evaluate on its training data.
    public var test: ClientDataSource?
    /// Its shuffling seed.
    public var seed: UInt64
    /// Its hardware, availability, battery and radio link.
    public var device: DeviceProfile

    /// Creates a spec.
    public init(node: NodeID, training: ClientDataSource, test: ClientDataSource? = nil, seed: UInt64,
                device: DeviceProfile) {
        self.node = node
        self.training = training
        self.test = test
        self.seed = seed
        self.device = device
    }
}
