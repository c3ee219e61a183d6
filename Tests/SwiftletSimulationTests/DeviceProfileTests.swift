import Testing
import SwiftletNN
import SwiftletTensor
@testable import SwiftletSimulation

/// Device compute time, memory fit, availability and battery.
@Suite struct DeviceProfileTests {
    @Test func computeTimeIsFLOPsOverPeakTimesEfficiency() {
        // Cortex-M7: 0.96 GFLOP/s · 0.45 = 432 MFLOP/s.
        #expect(abs(DeviceProfile.cortexM7.effectiveFLOPS - 432e6) < 1e-3)
        #expect(abs(DeviceProfile.cortexM7.computeTime(flops: 864_000_000) - 2) < 1e-12)
    }

    @Test func presetsCoverPhoneBoardAndMicrocontroller() {
        #expect(DeviceProfile.presets.map(\.name) == ["phone", "raspberry-pi-4", "cortex-m7"])
        #expect(DeviceProfile.cortexM7.memoryBudget == 1_015_808)
        #expect(DeviceProfile.cortexM7.link.name == "LoRaWAN EU868 DR5 (SF7/125 kHz)")
        #expect(DeviceProfile.phone.battery?.capacity == 55_440)
        #expect(DeviceProfile.raspberryPi4.battery == nil)
    }

    @Test func modelFitsExactlyAtItsPeakMemory() throws {
        let model = try Sequential(inputShape: [4], layers: [Dense(3, name: "fc")])
        let peak = model.memoryReport(batchSize: 2).peak
        var device = DeviceProfile.cortexM7
        device.memoryBudget = peak
        #expect(device.fit(model, batchSize: 2) == .fits(required: peak, budget: peak))
        device.memoryBudget = peak - 1
        #expect(device.fit(model, batchSize: 2) == .exceeds(required: peak, budget: peak - 1))
    }

    @Test func twoNNDoesNotFitAMicrocontroller() throws {
        // 199,210 parameters and as many gradients: 1.6 MB before activations, beyond 992 KiB of SRAM.
        let model = try Sequential(preset: .twoNN)
        #expect(!DeviceProfile.cortexM7.fit(model, batchSize: 10).fits)
        #expect(DeviceProfile.phone.fit(model, batchSize: 10).fits)
    }

    @Test func invalidEfficiencyIsRejected() {
        #expect(throws: DeviceError.self) {
            try DeviceProfile(name: "x", peakFLOPS: 1e9, efficiency: 1.5, memoryBudget: 0, memory: .sram, link: PacketLink.ble)
        }
    }

    @Test func traceAvailabilityFollowsWindowsAndPeriod() {
        let daily = Availability.trace([OnlineWindow(start: 3_600, duration: 1_800)], period: 86_400)
        var generator = SeededGenerator(seed: 1)
        #expect(daily.isOnline(at: 3_600, generator: &generator))
        #expect(!daily.isOnline(at: 5_400, generator: &generator))
        #expect(daily.isOnline(at: 86_400 + 4_000, generator: &generator))
        #expect(daily.isOnline(from: 3_700, for: 1_000, generator: &generator))
        #expect(!daily.isOnline(from: 3_700, for: 2_000, generator: &generator))
        // A trace consumes no randomness.
        #expect(generator == SeededGenerator(seed: 1))
    }

    @Test func probabilityAvailabilityIsSeededAndNearItsRate() {
        var a = SeededGenerator(seed: 11), b = SeededGenerator(seed: 11)
        var online = 0
        for round in 0..<4_000 {
            let first = Availability.probability(0.3).isOnline(from: Double(round), for: 1, generator: &a)
            #expect(first == Availability.probability(0.3).isOnline(from: Double(round), for: 1, generator: &b))
            if first { online += 1 }
        }
        #expect(abs(Double(online) / 4_000 - 0.3) < 0.03)
    }

    @Test func batteryConvertsMilliampHoursAndRunsOut() throws {
        var battery = try Battery(milliampHours: 1_000, volts: 3.7)
        #expect(abs(battery.capacity - 13_320) < 1e-9)
        let first = battery.drain(13_000)
        #expect(first && !battery.isDepleted)
        let second = battery.drain(400)
        #expect(!second)
        #expect(battery.isDepleted && battery.level == 0)
    }

    @Test func deviceWithEmptyBatteryGoesOffline() throws {
        var device = DeviceProfile.cortexM7
        device.battery = try Battery(capacity: 1)
        var generator = SeededGenerator(seed: 0)
        #expect(device.isOnline(from: 0, for: 10, generator: &generator))
        let survived = device.consume(energy: 2)
        #expect(!survived)
        #expect(!device.isOnline(from: 0, for: 10, generator: &generator))
    }
}
