import Testing
@testable import SwiftletSimulation

@Suite struct AvailabilityOnlineUntilTests {
    @Test func alwaysAndProbabilityStayOnlineForTheRound() {
        #expect(Availability.always.onlineUntil(42) == .infinity)
        #expect(Availability.probability(0.3).onlineUntil(42) == .infinity)
    }

    @Test func aTraceEndsAtItsWindowsEnd() {
        let trace = Availability.trace([OnlineWindow(start: 10, duration: 20), OnlineWindow(start: 50, duration: 5)], period: nil)
        #expect(trace.onlineUntil(15) == 30)
        #expect(trace.onlineUntil(50) == 55)
        #expect(trace.onlineUntil(30) == nil)
        #expect(trace.onlineUntil(5) == nil)
    }

    @Test func aPeriodicTraceRepeatsAndIsCutAtThePeriodBoundary() {
        let daily = Availability.trace([OnlineWindow(start: 3_600, duration: 7_200), OnlineWindow(start: 80_000, duration: 10_000)],
                                       period: 86_400)
        // Day 2, 01:30: the 01:00–03:00 window ends at 03:00 of day 2.
        #expect(daily.onlineUntil(91_800) == 97_200)
        // 23:00 on day 1: the window would run past midnight; it is cut at the period's end.
        #expect(daily.onlineUntil(82_800) == 86_400)
    }
}
