import Testing
import SwiftletTensor
@testable import SwiftletSimulation

/// LoRaWAN frames, airtime, duty cycle and Class A downlinks, worked by hand from AN1200.13 and RP002.
@Suite struct LoRaWANLinkTests {
    @Test func fullSF7FrameWithOverheadTakes399Point6Milliseconds() throws {
        let link = try LoRaWANLink(region: .eu868, dataRate: 5)
        #expect(link.payloadPerFrame(.uplink) == 242)
        #expect(abs(link.uplinkTimeOnAir(payload: 242) - 0.399616) < 1e-12)
    }

    @Test func fullSF12FrameWithOverheadTakes2793Point5Milliseconds() throws {
        // PHY 64 bytes, DE 1: ⌈508/40⌉ = 13 blocks → 73 symbols; 85.25 · 32.768 ms.
        let link = try LoRaWANLink(region: .eu868, dataRate: 0)
        #expect(link.payloadPerFrame(.uplink) == 51)
        #expect(abs(link.uplinkTimeOnAir(payload: 51) - 2.793472) < 1e-9)
    }

    @Test func tenKilobyteUpdateAtSF7Needs43FramesAndHalfAnHourUnderDutyCycle() throws {
        let link = try LoRaWANLink(region: .eu868, dataRate: 5)
        let transfer = link.expectedTransfer(bytes: 10_240, direction: .uplink)
        // 42 full frames of 399.616 ms and one of 76 bytes: PHY 89, ⌈728/28⌉ = 26 blocks → 150.25 · 1.024 ms.
        let air = 42 * 0.399616 + 0.153856
        #expect(transfer.frames == 43)
        #expect(abs(transfer.transmitTime - air) < 1e-9)
        #expect(transfer.bytesOnAir == Double(10_240 + 43 * 13))
        // 1% duty cycle: 99 × airtime of silence after every frame; the last one's follows the transfer.
        #expect(abs(transfer.backoffAfter - 99 * 0.153856) < 1e-9)
        #expect(abs(transfer.wallTime + transfer.backoffAfter - 100 * air) < 1e-6)
        #expect(transfer.wallTime + transfer.backoffAfter > 28 * 60)
    }

    @Test func fortyThreeFullFramesTake17Point2SecondsOnAir() throws {
        // REFERENCE.md's rounding: 43 frames of 242 bytes → 17.18 s on air, ≈ 28.6 min with the duty cycle.
        let link = try LoRaWANLink(region: .eu868, dataRate: 5)
        let transfer = link.expectedTransfer(bytes: 43 * 242, direction: .uplink)
        #expect(abs(transfer.transmitTime - 43 * 0.399616) < 1e-9)
        #expect(abs((transfer.wallTime + transfer.backoffAfter) / 60 - 43 * 0.399616 * 100 / 60) < 1e-9)
    }

    @Test func radioEnergyIsVoltageTimesCurrentTimesAirtime() throws {
        // 3.3 V · 33 mA · 399.616 ms ≈ 43.5 mJ per full frame: ≈ 180 µJ per application byte.
        let link = try LoRaWANLink(region: .eu868, dataRate: 5)
        let transfer = link.expectedTransfer(bytes: 242, direction: .uplink)
        #expect(abs(transfer.energy - 3.3 * 0.033 * 0.399616) < 1e-12)
        #expect(abs(transfer.energy / 242 - 180e-6) < 1e-6)
        #expect(RadioPower.sx1276At14dBm.energy(transmit: 1, receive: 1) == 3.3 * 0.033 + 3.3 * 0.012)
    }

    @Test func us915DwellTimeLimitsPayloadsToTheRegionalTable() throws {
        // 400 ms dwell: DR0 (SF10) fits 11 bytes (PHY 24 → 370.7 ms; 12 bytes → 411.6 ms).
        let payloads = try (0...4).map { try LoRaWANLink(region: .us915, dataRate: $0).payloadPerFrame(.uplink) }
        #expect(payloads == [11, 53, 125, 242, 242])
        let link = try LoRaWANLink(region: .us915, dataRate: 0, frameOverhead: 23)
        #expect(link.payloadPerFrame(.uplink) == 1)
    }

    @Test func overheadBeyondDwellTimeCannotCarryAFrame() {
        // 24 bytes of overhead + 1 byte at SF10 take 411.6 ms > 400 ms.
        #expect(throws: LinkError.self) { try LoRaWANLink(region: .us915, dataRate: 0, frameOverhead: 24) }
        do {
            _ = try LoRaWANLink(region: .us915, dataRate: 0, frameOverhead: 30)
            Issue.record("expected an error")
        } catch {
            guard case .cannotCarryFrame(let link, let reason) = error else { Issue.record("\(error)"); return }
            #expect(link == "LoRaWAN US915 DR0")
            #expect(reason.contains("dwell time"))
        }
    }

    @Test func zeroPayloadCapacityCannotCarryAFrame() {
        #expect(throws: LinkError.cannotCarryFrame(link: "LoRaWAN EU868 DR5", reason: "payload capacity per frame is 0 bytes")) {
            try LoRaWANLink(region: .eu868, dataRate: 5, maxPayload: 0)
        }
    }

    @Test func unknownDataRateIsRejected() {
        #expect(throws: LinkError.self) { try LoRaWANLink(region: .us915, dataRate: 5) }
        #expect(throws: LinkError.self) { try LoRaWANLink(region: .eu868, dataRate: 5, loss: 1) }
    }

    @Test func classADownlinkNeedsOneUplinkPerFrame() throws {
        // 300 bytes at EU868 DR5: frames of 242 and 58. Each needs an empty opener uplink (PHY 13: 46.336 ms),
        // then RX1 after 1 s: downlink frames (CRC off) of 394.496 ms and 128.256 ms.
        let link = try LoRaWANLink(region: .eu868, dataRate: 5)
        let transfer = link.expectedTransfer(bytes: 300, direction: .downlink)
        #expect(transfer.frames == 2)
        #expect(abs(transfer.transmitTime - 2 * 0.046336) < 1e-12)
        #expect(abs(transfer.receiveTime - (0.394496 + 0.128256)) < 1e-12)
        // The second opener waits out the first's duty-cycle silence (99 · 46.336 ms > 1 s + 394.5 ms).
        #expect(abs(transfer.wallTime - (2 * 0.046336 + 99 * 0.046336 + 1 + 0.128256)) < 1e-9)
        #expect(abs(transfer.energy - 3.3 * (0.033 * 2 * 0.046336 + 0.012 * (0.394496 + 0.128256))) < 1e-12)
        #expect(transfer.bytesOnAir == Double(300 + 2 * 13 + 2 * 13))
    }

    @Test func us915DownlinkUsesTheRX1DataRateMapping() throws {
        let link = try LoRaWANLink(region: .us915, dataRate: 0)
        #expect(link.downlinkDataRate.index == 10)
        #expect(link.downlinkDataRate.modulation == .lora(spreadingFactor: 10, bandwidth: 500_000))
        #expect(link.payloadPerFrame(.downlink) == 242)
    }

    @Test func expectedLossScalesAirtimeByOneOverOneMinusLoss() throws {
        let link = try LoRaWANLink(region: .eu868, dataRate: 5, loss: 0.5)
        let transfer = link.expectedTransfer(bytes: 242, direction: .uplink)
        #expect(transfer.retransmissions == 1)
        #expect(abs(transfer.transmitTime - 2 * 0.399616) < 1e-12)
    }

    @Test func drawnLossesAreWholeAndReproducible() throws {
        let link = try LoRaWANLink(region: .eu868, dataRate: 5, loss: 0.2)
        var a = SeededGenerator(seed: 7), b = SeededGenerator(seed: 7)
        var total = 0.0
        for _ in 0..<2_000 {
            let first = link.transfer(bytes: 242, direction: .uplink, generator: &a)
            let second = link.transfer(bytes: 242, direction: .uplink, generator: &b)
            #expect(first == second)
            #expect(first.retransmissions == first.retransmissions.rounded())
            total += first.retransmissions
        }
        // Mean of the geometric retransmissions: 0.2 / 0.8 = 0.25.
        #expect(abs(total / 2_000 - 0.25) < 0.05)
    }

    @Test func emptyTransferCostsNothing() throws {
        let link = try LoRaWANLink(region: .eu868, dataRate: 5)
        #expect(link.expectedTransfer(bytes: 0, direction: .downlink) == .empty(.downlink))
    }
}
