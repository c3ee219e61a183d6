import Foundation
import SwiftletFederated
import SwiftletFleetNode
import SwiftletFleetProtocol
import SwiftletFleetServer
import Testing

@Suite struct FleetNodeReconnectTests {
    @Test func aDropDuringThePushIsRetriedAndTheServerKeepsOneReply() async throws {
        let f = try await NodeFixture()
        let instruction = try await f.postFit(try NodeFixture.parameters())
        // The server takes the reply but the answer is lost; then the upload of its objects is refused outright.
        f.transport.failNext(1, of: .pushMessages, afterDelivery: true)
        f.transport.failNext(1, of: .pushObjects)
        let task = f.start()
        let reply = try await f.reply(to: instruction)
        try await f.stop(task)
        let result = try FleetContentMapping.fitResult(try #require(reply.content), expected: ScriptedClient.specs)
        #expect(result.payload == .arrays(try ArrayRecord(specs: ScriptedClient.specs, values: [2, 3, 4, 5, 1.5])))
        // The same reply was pushed twice and stored once: instruction + reply.
        let pushes = f.transport.bodies(of: .pushMessages)
        #expect(pushes.count == 2 && pushes[0] == pushes[1])
        #expect(try f.store.counts().messages == 2)
        #expect(await f.client.fitCalls.count == 1)
        let stats = await f.node.stats
        #expect(stats.retries == 2 && stats.fits == 1 && stats.dropped == 0)
    }

    @Test func anUnreachableServerAtStartIsRetriedUntilItAnswers() async throws {
        let f = try await NodeFixture()
        let instruction = try await f.postFit(try NodeFixture.parameters())
        f.transport.failNext(3)
        let task = f.start()
        _ = try await f.reply(to: instruction)
        try await f.stop(task)
        #expect(Array(f.transport.calls.prefix(5)) == [.registerNode, .registerNode, .registerNode, .registerNode, .activateNode])
        #expect(await f.node.stats.retries == 3)
    }

    @Test func backoffWaitsOnTheClockAndShowsReconnecting() async throws {
        var configuration = NodeFixture.configuration
        configuration.reconnect = ReconnectPolicy(base: .seconds(1), cap: .seconds(1))
        let f = try await NodeFixture(configuration: configuration)
        let instruction = try await f.postFit(try NodeFixture.parameters())
        f.transport.failNext(1, of: .pullMessages)
        let task = f.start()
        // The heartbeat task and the backoff wait sleep on the clock.
        await f.clock.waitForSleepers(2)
        #expect(await f.node.state == .reconnecting(attempt: 1))
        let backoff = try #require(f.clock.nextDeadline).offset
        #expect(backoff >= .zero && backoff <= .seconds(1))
        f.clock.advance(by: .seconds(1))
        _ = try await f.reply(to: instruction)
        try await f.stop(task)
        #expect(await f.node.stats.retries == 1)
    }

    @Test func theNodeGivesUpWhenThePolicyAllowsNoMoreAttempts() async throws {
        var configuration = NodeFixture.configuration
        configuration.reconnect = ReconnectPolicy(base: .zero, cap: .zero, maxAttempts: 2)
        let f = try await NodeFixture(configuration: configuration)
        f.transport.failNext(10)
        let node = f.node
        await #expect(throws: FleetNodeError.unreachable(
            rpc: .registerNode, attempts: 2,
            last: FleetFailure(.unavailable, "register-node: loopback connection refused (simulated drop)"))) {
            try await node.run()
        }
        #expect(await node.state == .stopped)
    }

    @Test func aServerThatForgotTheNodeIsJoinedAgain() async throws {
        let f = try await NodeFixture()
        let task = f.start()
        await f.clock.waitForSleepers(2)
        // The server loses the node (as after a restart from an older database).
        var unregister = Flwr_Proto_UnregisterNodeFleetRequest()
        unregister.nodeID = f.nodeID
        _ = try await f.service.handle(.unregisterNode, body: try unregister.serializedBytes(), caller: .anonymous)
        f.clock.advance(by: .seconds(5))
        await f.clock.waitForSleepers(2)
        let rejoined = try #require(await f.node.nodeID)
        #expect(rejoined != f.nodeID)
        #expect(await f.service.onlineNodes == [rejoined])
        #expect(await f.node.stats.rejoins == 1)
        // Instructions to the new id are served.
        let instruction = try await f.postFit(try NodeFixture.parameters(), to: rejoined)
        f.clock.advance(by: .seconds(5))
        let reply = try await f.reply(to: instruction)
        try await f.stop(task)
        #expect(reply.metadata.srcNodeID == rejoined)
    }
}
