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
