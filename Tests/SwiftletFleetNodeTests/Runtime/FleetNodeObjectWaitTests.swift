import Foundation
import SwiftletFederated
import SwiftletFleetNode
import SwiftletFleetProtocol
import Testing

/// An instruction's object the server knows but does not hold yet (Flower's ServerApp pushes objects after the
/// message) is pulled again after a backoff, as Flower's SuperNode does, instead of failing the instruction.
@Suite struct FleetNodeObjectWaitTests {
    func instruction() throws -> RecordDict {
        try FleetContentMapping.content(FitInstruction(round: 1, parameters: try NodeFixture.parameters()), encoding: .npy)
    }

    @Test(arguments: [true, false])
    func anObjectNotYetAvailableIsPulledAgainAfterABackoff(batched: Bool) async throws {
        var configuration = NodeFixture.configuration
        configuration.batchObjects = batched
        let f = try await NodeFixture(configuration: configuration)
        let posted = try await f.post(try instruction())
        let leaf = try #require(posted.pullOrder.first)
        f.transport.withhold(object: leaf, times: 2)
        let task = f.start()
        // Two sleepers each time: the heartbeat loop, and the node waiting to pull again. The waits are drawn
        // below their ceilings, 1 s and then 2 s (1 s doubling, Flower's PULL_INITIAL_BACKOFF).
        for ceiling in [1, 2] {
            await f.clock.waitForSleepers(2)
            f.clock.advance(by: .seconds(ceiling))
        }
        let reply = try await f.reply(to: posted.messageID)
        try await f.stop(task)
        let result = try FleetContentMapping.fitResult(try #require(reply.content), expected: ScriptedClient.specs)
        #expect(result.payload == .arrays(try NodeFixture.parameters().with(values: [2, 3, 4, 5, 1.5])))
        let stats = await f.node.stats
        #expect(stats.objectsNotYetAvailable == 2)
        #expect(stats.errorsReplied == 0 && stats.fits == 1)
        // The object was asked for three times: twice withheld, then given.
        let pulls = batched
            ? f.transport.bodies(of: .pullObjects).filter { body in
                (try? Swiftlet_Fleet_PullObjectsRequest(serializedBytes: body))?.requests.contains { $0.objectID == leaf } == true
            }.count
            : f.transport.bodies(of: .pullObject).filter { (try? Flwr_Proto_PullObjectRequest(serializedBytes: $0))?.objectID == leaf }.count
        #expect(pulls == 3)
    }

    @Test func anObjectStillUnavailableAtTheLastPullGetsAnErrorReply() async throws {
        var configuration = NodeFixture.configuration
        configuration.unavailableObjectRetry = ReconnectPolicy(base: .seconds(1), cap: .seconds(1), maxAttempts: 3)
        let f = try await NodeFixture(configuration: configuration)
        let posted = try await f.post(try instruction())
        let leaf = try #require(posted.pullOrder.first)
        f.transport.withhold(object: leaf, times: 10)
        let task = f.start()
        for _ in 0..<2 {
            await f.clock.waitForSleepers(2)
            f.clock.advance(by: .seconds(1))
        }
        let reply = try await f.reply(to: posted.messageID)
        try await f.stop(task)
        let error = try #require(reply.error)
        #expect(error.code == FleetErrorCode.messageUnavailable)
        #expect(error.reason == "object \(leaf) of message \(posted.messageID) was still not available on the server after 3 pulls")
        #expect(await f.client.fitCalls.isEmpty)
        #expect(await f.node.stats.objectsNotYetAvailable == 2)
    }
}
