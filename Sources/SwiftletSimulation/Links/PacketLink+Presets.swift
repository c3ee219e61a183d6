extension PacketLink {
    // Typical figures, not measurements of a particular device: enough to rank links by time and energy.
    // Presets are constructed with valid constants, so `try!` cannot trap.

    /// Bluetooth Low Energy 4.2 with data length extension, on a kept-alive connection: ~100 kbit/s in
    /// practice (230 kbit/s theoretical), 244-byte ATT payloads with 17 bytes of link-layer, L2CAP and ATT
    /// headers, one 30 ms connection interval of latency, ~2.5 µJ per byte (TX ~9 mA at 4 dBm; Bluetooth
    /// Core 4.2 Vol 6; Gomez et al., Sensors 2012), 1% frame loss, no setup energy.
    public static let ble = try! PacketLink(
        name: "BLE", uplinkBitRate: 100_000, downlinkBitRate: 100_000, latency: 0.03, framePayload: 244,
        frameOverhead: 17, loss: 0.01, uplinkEnergyPerByte: 2.5e-6, downlinkEnergyPerByte: 2.5e-6, transferEnergy: 0)

    /// NB-IoT Cat-NB1: ~26 kbit/s in practice, 2 s latency, UDP/IPv4 packets (1,472 + 28 bytes). About
    /// 0.8 W transmitting at 23 dBm (≈ 244 µJ per byte) and 0.18 W receiving (≈ 55 µJ per byte); each
    /// transfer pays ≈ 2 J of connection setup and the ~10 s RRC inactivity timer in connected state, the
    /// dominant cost for small payloads (3GPP TR 45.820; Lauridsen et al., IEEE VTC 2017).
    public static let nbIoT = try! PacketLink(
        name: "NB-IoT", uplinkBitRate: 26_000, downlinkBitRate: 26_000, latency: 2, framePayload: 1_472,
        frameOverhead: 28, loss: 0.01, uplinkEnergyPerByte: 244e-6, downlinkEnergyPerByte: 55e-6, transferEnergy: 2)

    /// LTE at the median throughputs Huang et al. measured, 6 Mbit/s up and 13 Mbit/s down ("A Close
    /// Examination of Performance and Power Characteristics of 4G LTE Networks", MobiSys 2012), 35 ms one-way
    /// latency, TCP/IPv4 segments (1,460 + 40 bytes), 0.1% residual loss. Power follows that paper's model
    /// `P = α·rate + β` (α_up ≈ 438 mW and α_down ≈ 52 mW per Mbit/s, β ≈ 1.29 W): ≈ 5.2 µJ per byte up and
    /// ≈ 1.2 µJ down at these rates; each transfer pays the RRC promotion (≈ 0.26 s at 1.2 W) and tail
    /// (≈ 11.6 s at 1.06 W), ≈ 12.6 J — why LTE costs more than LoRaWAN for small updates.
    public static let lte = try! PacketLink(
        name: "LTE", uplinkBitRate: 6_000_000, downlinkBitRate: 13_000_000, latency: 0.035, framePayload: 1_460,
        frameOverhead: 40, loss: 0.001, uplinkEnergyPerByte: 5.2e-6, downlinkEnergyPerByte: 1.2e-6, transferEnergy: 12.6)

    /// Wi-Fi (802.11n class): 20 Mbit/s up, 40 down, 5 ms latency, TCP/IPv4 segments, 0.1% residual loss.
    /// Power from Huang et al. (MobiSys 2012): α_up ≈ 283 mW per Mbit/s, α_down ≈ 137, β ≈ 0.13 W —
    /// ≈ 2.3 µJ per byte up, ≈ 1.1 µJ down — with a short promotion and tail (≈ 0.04 J per transfer).
    public static let wifi = try! PacketLink(
        name: "Wi-Fi", uplinkBitRate: 20_000_000, downlinkBitRate: 40_000_000, latency: 0.005, framePayload: 1_460,
        frameOverhead: 40, loss: 0.001, uplinkEnergyPerByte: 2.3e-6, downlinkEnergyPerByte: 1.1e-6, transferEnergy: 0.04)
}
