import Testing
@testable import SwiftletSimulation

/// Time on air against Semtech AN1200.13's formula worked by hand (REFERENCE.md's checks).
@Suite struct LoRaTimeOnAirTests {
    @Test func sf7TenBytePHYPayloadTakes41Point216Milliseconds() {
        // ⌈(80 − 28 + 28 + 16)/28⌉ = 4 blocks → 8 + 20 symbols; (12.25 + 28) · 1.024 ms.
        let t = LoRaTimeOnAir.seconds(payload: 10, spreadingFactor: 7, bandwidth: 125_000, crc: true)
        #expect(abs(t - 0.041216) < 1e-12)
    }

    @Test func sf11TenBytesUsesLowDataRateOptimization() {
        // DE 1: ⌈80/36⌉ = 3 blocks → 23 symbols; (12.25 + 23) · 16.384 ms = 577.536 ms.
        let t = LoRaTimeOnAir.seconds(payload: 10, spreadingFactor: 11, bandwidth: 125_000, crc: true)
        #expect(abs(t - 0.577536) < 1e-12)
        #expect(LoRaTimeOnAir.lowDataRateOptimization(spreadingFactor: 11, bandwidth: 125_000))
        #expect(!LoRaTimeOnAir.lowDataRateOptimization(spreadingFactor: 10, bandwidth: 125_000))
        #expect(!LoRaTimeOnAir.lowDataRateOptimization(spreadingFactor: 12, bandwidth: 500_000))
    }

    @Test func sf9ThirteenBytesTakes164Point864Milliseconds() {
        // ⌈112/36⌉ = 4 blocks → 28 symbols; 40.25 · 4.096 ms.
        let t = LoRaTimeOnAir.seconds(payload: 13, spreadingFactor: 9, bandwidth: 125_000, crc: true)
        #expect(abs(t - 0.164864) < 1e-12)
    }

    @Test func downlinkWithoutCRCCanSaveSymbols() {
        // 255-byte PHY payload at SF7: CRC on ⌈2056/28⌉ = 74 blocks, off ⌈2040/28⌉ = 73.
        let on = LoRaTimeOnAir.seconds(payload: 255, spreadingFactor: 7, bandwidth: 125_000, crc: true)
        let off = LoRaTimeOnAir.seconds(payload: 255, spreadingFactor: 7, bandwidth: 125_000, crc: false)
        #expect(abs(on - 0.399616) < 1e-12)
        #expect(abs(off - 0.394496) < 1e-12)
    }

    @Test func fskFrameCountsPreambleSyncLengthAndCRC() {
        // EU868 DR7: (5 + 3 + 1 + 20 + 2) bytes · 8 / 50 kbit/s = 4.96 ms.
        let rate = LoRaRegion.eu868.uplinkDataRates[7]
        #expect(abs(rate.timeOnAir(phyPayload: 20, crc: true) - 0.00496) < 1e-12)
    }
}
