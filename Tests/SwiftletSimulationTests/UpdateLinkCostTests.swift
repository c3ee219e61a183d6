import Testing
@testable import SwiftletSimulation

@Suite struct UpdateLinkCostTests {
    @Test func updateOfTwoFullFramesAtSF7TakesTwoFrameAirtimes() throws {
        let link = try LoRaWANLink(region: .eu868, dataRate: 5)
        let cost = UpdateLinkCost(link: link, modelBytes: 10, updateBytes: 484)
        // 484 bytes = two 242-byte frames; each, with 13 bytes of overhead, is 399.616 ms on air at SF7.
        #expect(cost.uplink.frames == 2)
        #expect(abs(cost.uplink.transmitTime - 2 * 0.399616) < 1e-9)
        #expect(cost.updateBytes == 484 && cost.modelBytes == 10)
        #expect(cost.link == "LoRaWAN EU868 DR5 (SF7/125 kHz)")
    }

    @Test func roundTripWaitsOutTheDownloadsDutyCycleBeforeUploading() throws {
        let link = try LoRaWANLink(region: .eu868, dataRate: 5)
        let cost = UpdateLinkCost(link: link, modelBytes: 242, updateBytes: 242)
        // A Class A downlink needs an uplink to open its window, and that uplink owes a 1% duty-cycle wait.
        #expect(cost.downlink.backoffAfter > 0)
        #expect(cost.communicationSeconds == cost.downlink.wallTime + cost.downlink.backoffAfter + cost.uplink.wallTime)
        #expect(cost.energy == cost.downlink.energy + cost.uplink.energy)
    }

    @Test func linksWithoutDutyCycleOweNoWait() {
        let cost = UpdateLinkCost(link: PacketLink.lte, modelBytes: 6_653_480, updateBytes: 6_653_480)
        #expect(cost.downlink.backoffAfter == 0)
        #expect(cost.communicationSeconds == cost.downlink.wallTime + cost.uplink.wallTime)
    }
}
