import Testing
import SwiftletTensor
@testable import SwiftletSimulation

/// Frames, airtime and energy of the packet links, worked by hand.
@Suite struct PacketLinkTests {
    func lossless() throws -> PacketLink {
        try PacketLink(name: "test", uplinkBitRate: 20_000_000, downlinkBitRate: 40_000_000, latency: 0.005,
                       framePayload: 1_460, frameOverhead: 40, loss: 0, uplinkEnergyPerByte: 2.3e-6,
                       downlinkEnergyPerByte: 1.1e-6, transferEnergy: 0.04)
    }

    @Test func uplinkSplitsIntoFramesAndAddsOverhead() throws {
        // 10,000 bytes: 7 frames (6 × 1,460 + 1,240), 10,280 bytes on air, 4.112 ms at 20 Mbit/s.
        let transfer = try lossless().expectedTransfer(bytes: 10_000, direction: .uplink)
        #expect(transfer.frames == 7)
        #expect(transfer.bytesOnAir == 10_280)
        #expect(abs(transfer.transmitTime - 0.004112) < 1e-15)
        #expect(abs(transfer.wallTime - 0.009112) < 1e-15)
        #expect(abs(transfer.energy - (10_280 * 2.3e-6 + 0.04)) < 1e-15)
    }

    @Test func downlinkUsesTheDownlinkRateAndEnergy() throws {
        let transfer = try lossless().expectedTransfer(bytes: 10_000, direction: .downlink)
        #expect(transfer.transmitTime == 0)
        #expect(abs(transfer.receiveTime - 0.002056) < 1e-15)
        #expect(abs(transfer.energy - (10_280 * 1.1e-6 + 0.04)) < 1e-15)
    }

    @Test func presetLossAddsExpectedRetransmissions() {
        // Wi-Fi: 0.1% loss → each frame is sent 1/0.999 times on average.
        let transfer = PacketLink.wifi.expectedTransfer(bytes: 1_460, direction: .uplink)
        #expect(abs(transfer.retransmissions - (1 / 0.999 - 1)) < 1e-12)
        #expect(abs(transfer.bytesOnAir - 1_500 / 0.999) < 1e-9)
    }

    @Test func drawnTransferIsReproducible() {
        var a = SeededGenerator(seed: 3), b = SeededGenerator(seed: 3)
        let first = PacketLink.ble.transfer(bytes: 100_000, direction: .uplink, generator: &a)
        let second = PacketLink.ble.transfer(bytes: 100_000, direction: .uplink, generator: &b)
        #expect(first == second)
        #expect(first.frames == 410)
    }

    @Test func frameWithoutPayloadIsRejected() {
        #expect(throws: LinkError.cannotCarryFrame(link: "broken", reason: "payload capacity per frame is 0 bytes")) {
            try PacketLink(name: "broken", uplinkBitRate: 1, downlinkBitRate: 1, latency: 0, framePayload: 0,
                           frameOverhead: 0, loss: 0, uplinkEnergyPerByte: 0, downlinkEnergyPerByte: 0, transferEnergy: 0)
        }
    }

    @Test func nonPositiveRateIsRejected() {
        #expect(throws: LinkError.self) {
            try PacketLink(name: "slow", uplinkBitRate: 0, downlinkBitRate: 1, latency: 0, framePayload: 10,
                           frameOverhead: 0, loss: 0, uplinkEnergyPerByte: 0, downlinkEnergyPerByte: 0, transferEnergy: 0)
        }
    }

    @Test func lteFixedEnergyDominatesSmallTransfers() {
        // The ~12.6 J RRC tail dwarfs 1 KB at ≈ 5.6 µJ per byte; LoRaWAN carries 1 KB for ≈ 0.2 J.
        let transfer = PacketLink.lte.expectedTransfer(bytes: 1_000, direction: .uplink)
        #expect(transfer.energy > 12.6 && transfer.energy < 12.62)
    }
}
