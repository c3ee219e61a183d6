/// Which way a transfer goes.
public enum LinkDirection: String, Sendable, Equatable, CaseIterable {
    /// Device to server: the model update.
    case uplink
    /// Server to device: the global model.
    case downlink
}
