import Foundation
import Testing
@testable import SwiftletFleetServer

@Suite struct NodeDirectoryTests {
    static let t0 = Date(timeIntervalSince1970: 1_000)

    static func node(_ id: UInt64, _ status: StoredNode.Status, lastSeen: Double = 0, interval: Double = 10) -> StoredNode {
        StoredNode(id: id, publicKey: [UInt8(id)], status: status, heartbeatInterval: interval,
                   lastSeen: t0.addingTimeInterval(lastSeen), registeredAt: t0)
    }

    @Test func heapPopsDeadlinesInOrder() {
        var heap = DeadlineHeap()
        for (time, id) in [(5.0, 1), (1.0, 2), (9.0, 3), (3.0, 4), (7.0, 5)] {
            heap.push(Self.t0.addingTimeInterval(time), UInt64(id))
        }
        var order: [UInt64] = []
        while let (_, id) = heap.min { order.append(id); heap.popMin() }
        #expect(order == [2, 4, 1, 5, 3])
    }

    @Test func onlyNodesPastIntervalTimesToleranceExpire() {
        // Deadlines: node 1 at 20 s, node 2 at 40 s (interval 20), node 3 registered only.
        var directory = NodeDirectory([Self.node(1, .online), Self.node(2, .online, interval: 20), Self.node(3, .registered)],
                                      tolerance: 2)
        #expect(directory.expired(at: Self.t0.addingTimeInterval(19.9), tolerance: 2).isEmpty)
        #expect(directory.expired(at: Self.t0.addingTimeInterval(20.1), tolerance: 2).map(\.id) == [1])
        #expect(directory.expired(at: Self.t0.addingTimeInterval(40.1), tolerance: 2).map(\.id) == [2])
    }

    @Test func heartbeatMovesTheDeadlineWithoutANewHeapEntry() {
        var directory = NodeDirectory([Self.node(1, .online)], tolerance: 2)
        directory.put(Self.node(1, .online, lastSeen: 15), tolerance: 2)   // deadline now 35 s
        #expect(directory.expired(at: Self.t0.addingTimeInterval(25), tolerance: 2).isEmpty)
        #expect(directory.expired(at: Self.t0.addingTimeInterval(35.1), tolerance: 2).map(\.id) == [1])
    }

    @Test func onlineCountFollowsStatusChanges() {
        var directory = NodeDirectory([Self.node(1, .online), Self.node(2, .registered)], tolerance: 2)
        #expect(directory.onlineCount == 1)
        directory.put(Self.node(2, .online), tolerance: 2)
        #expect(directory.onlineCount == 2)
        directory.put(Self.node(1, .offline), tolerance: 2)
        directory.remove(2)
        #expect(directory.onlineCount == 0)
        #expect(directory.onlineIDs.isEmpty)
    }

    @Test func keyIndexFollowsRemoval() {
        var directory = NodeDirectory([Self.node(7, .registered)], tolerance: 2)
        #expect(directory.node(publicKey: [7])?.id == 7)
        directory.remove(7)
        #expect(directory.node(publicKey: [7]) == nil)
    }

    @Test func postedMessageClearsIdle() {
        var directory = NodeDirectory([Self.node(1, .online)], tolerance: 2)
        #expect(!directory.isIdle(1))
        directory.markIdle(1)
        #expect(directory.isIdle(1))
        directory.messagePosted(to: 1)
        #expect(!directory.isIdle(1))
    }
}

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
}

@Suite struct ObjectCacheTests {
    @Test func oldestEntriesAreEvictedPastTheBudget() {
        var cache = ObjectCache(capacityBytes: 100)
        cache.put("a", [UInt8](repeating: 1, count: 25))
        cache.put("b", [UInt8](repeating: 2, count: 25))
        cache.put("c", [UInt8](repeating: 3, count: 25))
        cache.put("d", [UInt8](repeating: 4, count: 25))
        cache.put("e", [UInt8](repeating: 5, count: 25))
        #expect(cache.object("a") == nil)
        #expect(cache.object("e") == [UInt8](repeating: 5, count: 25))
        #expect(cache.bytes == 100)
    }

    @Test func objectsOverAQuarterOfTheBudgetAreNotKept() {
        var cache = ObjectCache(capacityBytes: 100)
        cache.put("big", [UInt8](repeating: 1, count: 26))
        #expect(cache.object("big") == nil)
        #expect(cache.bytes == 0)
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
