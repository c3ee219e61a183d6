/// One LoRaWAN data rate: its modulation, nominal bit rate and largest application payload per frame.
///
/// Figures from the LoRaWAN Regional Parameters (RP002-1.0.x): EU868 DR0–DR7 and US915 DR0–DR4 (uplink)
/// and DR8–DR13 (downlink), payload sizes `N` without repeater compatibility.
public struct LoRaDataRate: Sendable, Equatable {
    /// How the frame is modulated.
    public enum Modulation: Sendable, Equatable {
        /// LoRa chirp spread spectrum with spreading factor `spreadingFactor` (7–12) over `bandwidth` Hz.
        case lora(spreadingFactor: Int, bandwidth: Double)
        /// GFSK at `bitRate` bit/s (EU868 DR7).
        case fsk(bitRate: Double)
    }

    /// The data rate's index in its region (DR0, DR1, …).
    public var index: Int
    /// The modulation.
    public var modulation: Modulation
    /// The nominal bit rate, bit/s (informational: time on air comes from the modulation).
    public var bitRate: Double
    /// The largest application payload `N` per frame, bytes.
    public var maxPayload: Int

    /// Creates a data rate.
    public init(index: Int, modulation: Modulation, bitRate: Double, maxPayload: Int) {
        self.index = index
        self.modulation = modulation
        self.bitRate = bitRate
        self.maxPayload = maxPayload
    }

    /// A short label such as `SF7/125 kHz` or `FSK 50 kbit/s`.
    public var label: String {
        switch modulation {
        case .lora(let sf, let bandwidth): "SF\(sf)/\(Int(bandwidth / 1000)) kHz"
        case .fsk(let rate): "FSK \(Int(rate / 1000)) kbit/s"
        }
    }

    /// Seconds on air for a PHY payload of `phyPayload` bytes (application payload plus frame overhead).
    ///
    /// LoRa: Semtech AN1200.13 with LoRaWAN's settings (``LoRaTimeOnAir``); `crc` is on for uplinks and off
    /// for downlinks. FSK: preamble 5, sync word 3, length 1 and CRC 2 bytes around the payload at the bit
    /// rate (RP002's FSK frame, SX1276 datasheet §4.2).
    public func timeOnAir(phyPayload: Int, crc: Bool) -> Double {
        switch modulation {
        case .lora(let sf, let bandwidth):
            LoRaTimeOnAir.seconds(payload: phyPayload, spreadingFactor: sf, bandwidth: bandwidth, crc: crc)
        case .fsk(let rate):
            Double(8 * (5 + 3 + 1 + phyPayload + (crc ? 2 : 0))) / rate
        }
    }
}
