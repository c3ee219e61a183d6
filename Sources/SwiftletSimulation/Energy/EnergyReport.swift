/// The energy of one round: per device, and the round's computation-versus-communication split.
public struct EnergyReport: Sendable, Equatable {
    /// The round number.
    public var round: Int
    /// Each participating device, in the order given.
    public var devices: [DeviceEnergy]

    /// Creates a report.
    public init(round: Int, devices: [DeviceEnergy]) {
        self.round = round
        self.devices = devices
    }

    /// All devices' computation, J.
    public var computation: Double { devices.reduce(0) { $0 + $1.computation } }
    /// All devices' radio energy, J.
    public var communication: Double { devices.reduce(0) { $0 + $1.communication } }
    /// All devices' downlink radio energy, J.
    public var downlink: Double { devices.reduce(0) { $0 + $1.downlink } }
    /// All devices' uplink radio energy, J.
    public var uplink: Double { devices.reduce(0) { $0 + $1.uplink } }
    /// Everything, J.
    public var total: Double { computation + communication }
    /// Computation's share of the round's energy, in [0, 1].
    public var computationShare: Double { total > 0 ? computation / total : 0 }
}
