import Testing
@testable import SwiftletFleet

@Suite struct CPUTimelineTests {
    static func timeline(_ points: [(Double, Double)]) -> CPUTimeline {
        var timeline = CPUTimeline()
        for (seconds, cpu) in points { timeline.record(seconds: seconds, cpu: cpu) }
        return timeline
    }

    @Test func theCPUBetweenSamplesIsInterpolatedLinearly() {
        let timeline = Self.timeline([(0, 10), (1, 11), (2, 13)])
        #expect(timeline.cpu(at: 0) == 10)
        #expect(timeline.cpu(at: 1.5) == 12)
        #expect(timeline.cpu(at: 2) == 13)
        #expect(timeline.cpu(at: 0.25) == 10.25)
    }

    @Test func aRoundsCPUIsTheDifferenceOverItsDurationEndingAtItsEnd() {
        // A round of 1.5 s seen at 2 s: from 0.5 s (10.5) to 2 s (13).
        let timeline = Self.timeline([(0, 10), (1, 11), (2, 13)])
        #expect(timeline.cpu(endingAt: 2, duration: 1.5) == 2.5)
        #expect(timeline.cpu(endingAt: 2, duration: 0) == 0)
    }

    @Test func aWindowOutsideTheSamplesHasNoFigure() {
        let timeline = Self.timeline([(1, 10), (2, 11)])
        #expect(timeline.cpu(at: 0.5) == nil)
        #expect(timeline.cpu(at: 2.5) == nil)
        #expect(timeline.cpu(endingAt: 2, duration: 1.5) == nil)
        #expect(timeline.cpu(endingAt: 2, duration: -1) == nil)
        #expect(CPUTimeline().cpu(at: 0) == nil)
    }

    @Test func aSampleNotLaterThanTheLastIsIgnored() {
        let timeline = Self.timeline([(1, 10), (1, 50), (0.5, 60), (2, 12)])
        #expect(timeline.samples.map(\.cpu) == [10, 12])
    }
}
