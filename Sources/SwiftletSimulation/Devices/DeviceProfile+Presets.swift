extension DeviceProfile {
    // Presets use valid constants, so `try!` cannot trap. Availability is scenario-specific and left
    // `.always`; set it per experiment. Efficiencies are estimates for fp32 training loops, not measurements.

    /// A mid-range smartphone training on its CPU: ~100 GFLOP/s fp32 peak (four big Cortex-A7x cores at
    /// ~2.5–3 GHz, two 128-bit FMA pipes each, per Arm's core documentation), 20% reached in training,
    /// 512 MiB for the app, DRAM, a 4,000 mAh 3.85 V battery (55,440 J), LTE.
    public static let phone = try! DeviceProfile(
        name: "phone", peakFLOPS: 100e9, efficiency: 0.2, memoryBudget: 512 << 20, memory: .dram,
        battery: try! Battery(milliampHours: 4_000, volts: 3.85), link: PacketLink.lte)

    /// A Raspberry Pi 4 class single-board computer: four Cortex-A72 cores at 1.5 GHz, one 4-wide fp32 NEON
    /// FMA per cycle each — 48 GFLOP/s peak (Raspberry Pi 4 product brief; Arm Cortex-A72 TRM) — 25%
    /// reached in training, 2 GiB of its 4 GB for training, DRAM, mains powered, Wi-Fi.
    public static let raspberryPi4 = try! DeviceProfile(
        name: "raspberry-pi-4", peakFLOPS: 48e9, efficiency: 0.25, memoryBudget: 2 << 30, memory: .dram,
        link: PacketLink.wifi)

    /// A Cortex-M7 microcontroller, STM32H743 class: 480 MHz, single-precision FPU with one fused
    /// multiply-add per cycle — 0.96 GFLOP/s peak; about 45% (≈ 0.9 FLOP per cycle) reached by plain fp32
    /// loops (estimate). Its 1 MB of RAM (STM32H742/743/753 datasheet DS12110, ST document DM00387108:
    /// 864 KB user SRAM, 128 KB DTCM, 64 KB ITCM, 4 KB backup) leaves 992 KiB for training data in SRAM.
    /// A 2,000 mAh 3.7 V LiPo (26,640 J); LoRaWAN EU868 DR5 (SF7).
    public static let cortexM7 = try! DeviceProfile(
        name: "cortex-m7", peakFLOPS: 0.96e9, efficiency: 0.45, memoryBudget: 992 << 10, memory: .sram,
        battery: try! Battery(milliampHours: 2_000, volts: 3.7),
        link: try! LoRaWANLink(region: .eu868, dataRate: 5))

    /// The shipped presets.
    public static let presets: [DeviceProfile] = [.phone, .raspberryPi4, .cortexM7]
}
