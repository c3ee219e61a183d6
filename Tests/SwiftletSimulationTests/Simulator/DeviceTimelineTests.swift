import Testing
@testable import SwiftletSimulation

@Suite struct DeviceTimelineTests {
    /// A 2 s download of 1,000 bytes costing 2 J, 10 s of training costing 5 J, a 4 s upload of 500 bytes costing 8 J.
    static func timeline(backoff: Double = 0) -> DeviceTimeline {
        let download = Transfer(direction: .downlink, payloadBytes: 1_000, frames: 1, retransmissions: 0, bytesOnAir: 1_100,
                                transmitTime: 0, receiveTime: 2, wallTime: 2, backoffAfter: backoff, energy: 2)
        let upload = Transfer(direction: .uplink, payloadBytes: 500, frames: 1, retransmissions: 0, bytesOnAir: 600,
                              transmitTime: 4, receiveTime: 0, wallTime: 4, backoffAfter: 0, energy: 8)
        return DeviceTimeline(download: download, computeSeconds: 10, computeEnergy: 5, flops: 1_000, upload: upload)
    }

    @Test func anUnhinderedDeviceArrivesAfterDownloadComputeAndUpload() {
        let ending = Self.timeline().ending(deadline: 100)
        #expect(ending.stop == nil)
        #expect(ending.time == 16)
        #expect(ending.energy == 15)
        #expect(ending.downloadBytes == 1_000 && ending.uploadBytes == 500)
        #expect(ending.bytesOnAir == 1_700)
        #expect(ending.trained)
    }

    @Test func theUploadWaitsForTheDownloadsDutyCycleOffTime() {
        // 2 s of downlink airtime at 1% duty cycle: 198 s of silence before the device may transmit.
        let timeline = Self.timeline(backoff: 198)
        #expect(timeline.uploadStart == 200)
        #expect(timeline.arrival == 204)
        #expect(timeline.ending(deadline: 1_000).time == 204)
    }

    @Test func arrivingExactlyAtTheDeadlineIsLate() {
        let ending = Self.timeline().ending(deadline: 16)
        #expect(ending.stop == .straggler)
        #expect(ending.uploadBytes == 0)
        // Stopped at the deadline: the whole upload's time and energy were spent, its bytes never counted.
        #expect(ending.uplinkEnergy == 8)
    }

    @Test func aStragglerIsChargedOnlyUntilTheDeadline() {
        // Deadline 7 s: download done (2 s), half of training (5 of 10 s).
        let ending = Self.timeline().ending(deadline: 7)
        #expect(ending.stop == .straggler)
        #expect(ending.time == 7)
        #expect(ending.downloadSeconds == 2 && ending.computeSeconds == 5 && ending.uploadSeconds == 0)
        #expect(ending.computeEnergy == 2.5 && ending.flops == 500)
        #expect(ending.downloadBytes == 1_000 && ending.uploadBytes == 0)
        #expect(ending.bytesOnAir == 1_100)
        #expect(!ending.trained)
    }

    @Test func theBatteryStopsTheDeviceWhereItsChargeRunsOut() {
        // 4.5 J: the download takes 2 J, training draws 0.5 J/s and empties it 5 s in, at t = 7 s.
        let ending = Self.timeline().ending(deadline: 100, battery: 4.5)
        #expect(ending.stop == .batteryDepleted)
        #expect(ending.time == 7)
        #expect(ending.energy == 4.5)
    }

    @Test func theOnlineWindowClosingStopsTheDeviceMidDownload() {
        let ending = Self.timeline().ending(deadline: 100, onlineFor: 1)
        #expect(ending.stop == .offline)
        #expect(ending.time == 1)
        #expect(ending.downlinkEnergy == 1 && ending.downloadBytes == 0)
        #expect(ending.bytesOnAir == 550)
    }

    @Test func theEarliestStopWinsAndTiesFavourBatteryThenOffline() {
        #expect(Self.timeline().ending(deadline: 3, onlineFor: 5).stop == .straggler)
        #expect(Self.timeline().ending(deadline: 7, onlineFor: 7, battery: 4.5).stop == .batteryDepleted)
        #expect(Self.timeline().ending(deadline: 7, onlineFor: 7).stop == .offline)
    }
}
