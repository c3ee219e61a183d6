/// A LoRaWAN regional plan: its data rates, duty cycle, dwell time and receive-window data rates.
///
/// From the LoRaWAN Regional Parameters (RP002-1.0.x). EU868: 1% duty cycle on the default channels
/// (868.0–868.6 MHz, ETSI EN 300 220), no dwell limit. US915: no duty cycle but a 400 ms dwell time
/// (FCC §15.247) on uplinks; downlinks use the 500 kHz data rates DR8–DR13, RX1 at the uplink's data rate
/// mapped through RP002's RX1 table with offset 0 (DR0→DR10, DR1→DR11, DR2→DR12, DR3 and DR4→DR13).
public enum LoRaRegion: String, Sendable, Equatable, CaseIterable {
    /// Europe, 863–870 MHz.
    case eu868 = "EU868"
    /// North America, 902–928 MHz.
    case us915 = "US915"

    /// The uplink data rates, indexed by DR.
    public var uplinkDataRates: [LoRaDataRate] {
        switch self {
        case .eu868:
            let rates: [(Int, Double, Int)] = [(12, 250, 51), (11, 440, 51), (10, 980, 51), (9, 1_760, 115),
                                               (8, 3_125, 242), (7, 5_470, 242)]
            return rates.enumerated().map { index, rate in
                LoRaDataRate(index: index, modulation: .lora(spreadingFactor: rate.0, bandwidth: 125_000),
                             bitRate: rate.1, maxPayload: rate.2)
            } + [
                LoRaDataRate(index: 6, modulation: .lora(spreadingFactor: 7, bandwidth: 250_000), bitRate: 11_000, maxPayload: 242),
                LoRaDataRate(index: 7, modulation: .fsk(bitRate: 50_000), bitRate: 50_000, maxPayload: 242),
            ]
        case .us915:
            let rates: [(Int, Double, Int)] = [(10, 980, 11), (9, 1_760, 53), (8, 3_125, 125), (7, 5_470, 242)]
            return rates.enumerated().map { index, rate in
                LoRaDataRate(index: index, modulation: .lora(spreadingFactor: rate.0, bandwidth: 125_000),
                             bitRate: rate.1, maxPayload: rate.2)
            } + [LoRaDataRate(index: 4, modulation: .lora(spreadingFactor: 8, bandwidth: 500_000), bitRate: 12_500, maxPayload: 242)]
        }
    }

    /// The data rate of the RX1 downlink that answers an uplink at `uplink` (receive-window offset 0).
    public func rx1DataRate(forUplink uplink: Int) -> LoRaDataRate {
        switch self {
        case .eu868:
            return uplinkDataRates[uplink]
        case .us915:
            // DR8–DR13: SF12…SF7 at 500 kHz; payload sizes N from RP002.
            let downlink = min(uplink + 10, 13)
            let sf = 12 - (downlink - 8)
            let bitRates: [Double] = [980, 1_760, 3_900, 7_000, 12_500, 21_900]
            let payloads = [53, 129, 242, 242, 242, 242]
            return LoRaDataRate(index: downlink, modulation: .lora(spreadingFactor: sf, bandwidth: 500_000),
                                bitRate: bitRates[downlink - 8], maxPayload: payloads[downlink - 8])
        }
    }

    /// The regulatory duty cycle of the device's transmissions (1% on EU868's default channels), or 1 when
    /// none applies.
    public var dutyCycle: Double {
        switch self {
        case .eu868: 0.01
        case .us915: 1
        }
    }

    /// The longest a single uplink frame may stay on air, seconds, if the region limits it.
    public var dwellTime: Double? {
        switch self {
        case .eu868: nil
        case .us915: 0.4
        }
    }

    /// The usual radio draw: 14 dBm in EU868, 20 dBm in US915.
    public var defaultRadio: RadioPower {
        switch self {
        case .eu868: .sx1276At14dBm
        case .us915: .sx1276At20dBm
        }
    }
}
