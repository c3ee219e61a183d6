/// One `[[fleet]]` group: a device profile with its overrides, and how many clients run on it.
///
/// Every field holds an effective value — the profile's own unless overridden — so a config written back
/// names the device completely. ``init(profile:size:link:)`` fills them from the preset.
public struct FleetGroup: Sendable, Equatable {
    /// The preset the group starts from.
    public var profile: DevicePreset
    /// The group's part of the clients.
    public var size: Size
    /// The radio.
    public var link: LinkKind
    /// LoRaWAN: the regional plan.
    public var region: LoRaRegion
    /// LoRaWAN: the data rate index, valid for ``region``.
    public var dataRate: Int
    /// LoRaWAN: the largest frame on air, bytes, 13 of framing included (0: the data rate's own limit).
    public var maxPayload: Int
    /// The probability a frame is lost, in [0, 1).
    public var loss: Double
    /// The probability the device is online in a round, used when ``trace`` is `nil`.
    public var availability: Double
    /// Online windows as `[start, duration]` seconds, or `nil` to use ``availability``.
    public var trace: [OnlineWindow]?
    /// The period a trace repeats with, seconds (`nil`: it does not repeat).
    public var period: Double?
    /// Peak fp32 throughput, FLOP/s.
    public var peakFLOPS: Double
    /// The fraction of the peak training reaches, in (0, 1].
    public var efficiency: Double
    /// Memory available to training, bytes.
    public var memoryBudget: Int
    /// Battery capacity, J (0: mains powered).
    public var batteryJoules: Double

    /// How big a group is: a fraction of the clients, or a number of them.
    public enum Size: Sendable, Equatable {
        /// This fraction of the clients (shares sum to 1; the last group takes the rounding remainder).
        case share(Double)
        /// Exactly this many clients (counts sum to the client count).
        case count(Int)
    }

    /// A group of `profile` devices with the preset's own numbers, on `link` (the profile's own when `nil`).
    public init(profile: DevicePreset, size: Size, link: LinkKind? = nil) {
        let device = profile.device
        self.profile = profile
        self.size = size
        self.link = link ?? profile.defaultLink
        self.region = .eu868
        self.dataRate = 5
        self.maxPayload = 0
        self.loss = (link ?? profile.defaultLink).defaultLoss
        self.availability = 1
        self.trace = nil
        self.period = nil
        self.peakFLOPS = device.peakFLOPS
        self.efficiency = device.efficiency
        self.memoryBudget = device.memoryBudget
        self.batteryJoules = device.battery?.capacity ?? 0
    }
}

/// The device presets a fleet group can start from, by their config names.
public enum DevicePreset: String, Sendable, Equatable, CaseIterable {
    /// ``DeviceProfile/phone``.
    case phone
    /// ``DeviceProfile/raspberryPi4``.
    case raspberryPi4 = "raspberry-pi-4"
    /// ``DeviceProfile/cortexM7``.
    case cortexM7 = "cortex-m7"

    /// The preset profile.
    public var device: DeviceProfile {
        switch self {
        case .phone: .phone
        case .raspberryPi4: .raspberryPi4
        case .cortexM7: .cortexM7
        }
    }

    /// The link the preset ships with.
    public var defaultLink: LinkKind {
        switch self {
        case .phone: .lte
        case .raspberryPi4: .wifi
        case .cortexM7: .lorawan
        }
    }
}

/// The radio links a fleet group can use, by their config names.
public enum LinkKind: String, Sendable, Equatable, CaseIterable {
    /// ``PacketLink/lte``.
    case lte
    /// ``PacketLink/wifi``.
    case wifi
    /// ``PacketLink/ble``.
    case ble
    /// ``PacketLink/nbIoT``.
    case nbIoT = "nb-iot"
    /// ``LoRaWANLink``, at the group's region and data rate.
    case lorawan

    /// The preset's frame loss (LoRaWAN: none).
    public var defaultLoss: Double {
        switch self {
        case .lte: PacketLink.lte.loss
        case .wifi: PacketLink.wifi.loss
        case .ble: PacketLink.ble.loss
        case .nbIoT: PacketLink.nbIoT.loss
        case .lorawan: 0
        }
    }
}
