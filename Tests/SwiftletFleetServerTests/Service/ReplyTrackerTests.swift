import Foundation
import Testing
@testable import SwiftletFleetServer

@Suite struct ReplyTrackerTests {
    @Test func replyCompletesWhenItsLastObjectArrives() {
        var tracker = ReplyTracker()
        tracker.track(instruction: "i1", missing: ["a", "b"])
        #expect(tracker.objectArrived("a").isEmpty)
        #expect(tracker.objectArrived("b") == ["i1"])
        #expect(tracker.count == 0)
    }

    @Test func sharedObjectCompletesEveryReplyWaitingForIt() {
        var tracker = ReplyTracker()
        tracker.track(instruction: "i2", missing: ["x"])
        tracker.track(instruction: "i1", missing: ["x"])
        #expect(tracker.objectArrived("x") == ["i1", "i2"])
    }

    @Test func unknownObjectCompletesNothing() {
        var tracker = ReplyTracker()
        tracker.track(instruction: "i1", missing: ["a"])
        #expect(tracker.objectArrived("zzz").isEmpty)
        #expect(tracker.count == 1)
    }

    @Test func aCompletedReplyCarriesTheBytesThatArrivedForIt() {
        var tracker = ReplyTracker()
        tracker.track(instruction: "i1", missing: ["a", "b"])
        #expect(tracker.objectArrived("a", bytes: [1, 2]).isEmpty)
        let completed = tracker.objectArrived("b", bytes: [3])
        #expect(completed.map(\.instruction) == ["i1"])
        #expect(completed.first?.objects == ["a": [1, 2], "b": [3]])
    }

    @Test func aSharedObjectsBytesGoToEveryReplyItCompletes() {
        var tracker = ReplyTracker()
        tracker.track(instruction: "i1", missing: ["x"])
        tracker.track(instruction: "i2", missing: ["x", "y"])
        let first = tracker.objectArrived("x", bytes: [9])
        #expect(first.map(\.instruction) == ["i1"])
        #expect(first.first?.objects == ["x": [9]])
        #expect(tracker.objectArrived("y", bytes: [8]).first?.objects == ["x": [9], "y": [8]])
    }

    @Test func aForgottenReplyIsNoLongerCompletedAndKeepsNoBytes() {
        var tracker = ReplyTracker()
        tracker.track(instruction: "i1", missing: ["a", "b"])
        _ = tracker.objectArrived("a", bytes: [1])
        tracker.forget(instruction: "i1")
        #expect(tracker.count == 0)
        #expect(tracker.objectArrived("b", bytes: [2]).isEmpty)
        // Tracked again (as a new wait does, from the store): only what arrives from now on is carried.
        tracker.track(instruction: "i1", missing: ["c"])
        #expect(tracker.objectArrived("c", bytes: [3]).first?.objects == ["c": [3]])
    }
}
