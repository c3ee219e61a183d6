import Testing
@testable import SwiftletFleet

@Suite struct FleetServerAppTests {
    @Test func aSpareFileHoldsTheModelInFloat32RoundedUpToWholePages() {
        // 2nn: 199,210 parameters are 796,840 bytes, 194.5 pages of 4 KiB.
        #expect(FleetServerApp.spareFileSize(parameters: 199_210) == 195 * 4_096)
        #expect(FleetServerApp.spareFileSize(parameters: 1_024) == 4_096)
        #expect(FleetServerApp.spareFileSize(parameters: 1_025) == 8_192)
        #expect(FleetServerApp.spareFileSize(parameters: 0) == 0)
    }
}
