/// LoRa time on air, per Semtech application note AN1200.13 ("LoRa Modem Designer's Guide") and the SX1276
/// datasheet §4.1.1.6.
///
/// `T_sym = 2^SF / BW`; `T_preamble = (n_preamble + 4.25)·T_sym`;
/// `n_payload = 8 + max(⌈(8·PL − 4·SF + 28 + 16·CRC − 20·IH) / (4·(SF − 2·DE))⌉·(CR + 4), 0)`;
/// `T = T_preamble + n_payload·T_sym`. LoRaWAN fixes preamble 8 symbols, coding rate 4/5 (CR 1) and an
/// explicit header (IH 0); CRC is on for uplinks and off for downlinks; low-data-rate optimisation (DE 1) is
/// on when a symbol lasts more than 16 ms — SF11 and SF12 at 125 kHz.
public enum LoRaTimeOnAir {
    /// Preamble symbols LoRaWAN uses.
    public static let preambleSymbols = 8
    /// LoRaWAN's coding rate 4/5, as AN1200.13's `CR`.
    public static let codingRate = 1

    /// Seconds of one symbol, `2^SF / BW`.
    public static func symbolTime(spreadingFactor: Int, bandwidth: Double) -> Double {
        Double(1 << spreadingFactor) / bandwidth
    }

    /// Whether low-data-rate optimisation applies: symbols longer than 16 ms.
    public static func lowDataRateOptimization(spreadingFactor: Int, bandwidth: Double) -> Bool {
        symbolTime(spreadingFactor: spreadingFactor, bandwidth: bandwidth) > 0.016
    }

    /// Seconds on air of a frame with a PHY payload of `payload` bytes.
    public static func seconds(payload: Int, spreadingFactor sf: Int, bandwidth: Double, crc: Bool) -> Double {
        let symbol = symbolTime(spreadingFactor: sf, bandwidth: bandwidth)
        let de = lowDataRateOptimization(spreadingFactor: sf, bandwidth: bandwidth) ? 1 : 0
        let numerator = 8 * payload - 4 * sf + 28 + (crc ? 16 : 0)
        let denominator = 4 * (sf - 2 * de)
        // Ceiling division of integers; a non-positive numerator gives no extra symbols.
        let blocks = numerator > 0 ? (numerator + denominator - 1) / denominator : 0
        let payloadSymbols = 8 + blocks * (codingRate + 4)
        return (Double(preambleSymbols) + 4.25) * symbol + Double(payloadSymbols) * symbol
    }
}
