/// One device's energy in one round, split into computation and communication.
public struct DeviceEnergy: Sendable, Equatable {
    /// The device's identifier in the run.
    public var device: String
    /// Training: arithmetic and memory traffic, J.
    public var computation: Double
    /// Radio energy receiving the global model, J.
    public var downlink: Double
    /// Radio energy sending the update, J.
    public var uplink: Double

    /// Creates a record.
    public init(device: String, computation: Double, downlink: Double, uplink: Double) {
        self.device = device
        self.computation = computation
        self.downlink = downlink
        self.uplink = uplink
    }

    /// Radio energy both ways, J.
    public var communication: Double { downlink + uplink }
    /// Everything, J.
    public var total: Double { computation + communication }
    /// Computation's share of the total, in [0, 1] (0 for a device that spent nothing).
    public var computationShare: Double { total > 0 ? computation / total : 0 }
}
