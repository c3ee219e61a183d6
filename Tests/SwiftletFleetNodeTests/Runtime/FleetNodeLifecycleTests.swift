import Foundation
import Logging
import SwiftletFederated
import SwiftletFleetNode
import SwiftletFleetProtocol
import SwiftletFleetServer
import Testing

@Suite struct FleetNodeLifecycleTests {
    @Test func heartbeatsAreSentEveryLeadTimesTheInterval() async throws {
        let f = try await NodeFixture()
        let task = f.start()
        await f.clock.waitForSleepers(2)
        // Interval 30 s × lead 0.8: the first heartbeat is due at 24 s.
        f.clock.advance(by: .seconds(23))
        await f.clock.waitForSleepers(2)
        #expect(f.transport.bodies(of: .sendNodeHeartbeat).isEmpty)
        f.clock.advance(by: .seconds(1))
        await f.clock.waitForSleepers(2)
        #expect(f.transport.bodies(of: .sendNodeHeartbeat).count == 1)
        f.clock.advance(by: .seconds(24))
        await f.clock.waitForSleepers(2)
        let beats = try f.transport.bodies(of: .sendNodeHeartbeat).map { try Flwr_Proto_SendNodeHeartbeatRequest(serializedBytes: $0) }
        try await f.stop(task)
        #expect(beats.count == 2)
        #expect(beats.allSatisfy { $0.node.nodeID == f.nodeID && $0.heartbeatInterval == 30 })
        #expect(await f.node.stats.heartbeats == 2)
    }

    @Test func aHeartbeatTheServerDoesNotAcceptMakesTheNodeActivateAgain() async throws {
        let f = try await NodeFixture()
        let task = f.start()
        await f.clock.waitForSleepers(2)
        // The server marks the node inactive behind its back; the next heartbeat answers success = false.
        var deactivate = Flwr_Proto_DeactivateNodeRequest()
        deactivate.nodeID = f.nodeID
        _ = try await f.service.handle(.deactivateNode, body: try deactivate.serializedBytes(), caller: .anonymous)
        #expect(await f.service.onlineNodes.isEmpty)
        f.clock.advance(by: .seconds(24))
        await f.clock.waitForSleepers(2)
        f.clock.advance(by: .seconds(5))
        await f.clock.waitForSleepers(2)
        #expect(await f.service.onlineNodes == [f.nodeID])
        #expect(await f.node.stats.rejoins == 1)
        #expect(await f.node.stats.heartbeats == 0)
        try await f.stop(task)
    }

    @Test func emptyPollsDoubleTheWaitUpToTheMaximum() async throws {
        var configuration = NodeFixture.configuration
        configuration.heartbeatInterval = 1800
        configuration.pollInterval = .seconds(1)...(.seconds(4))
        let f = try await NodeFixture(configuration: configuration)
        let task = f.start()
        var deadlines: [Duration] = []
        for _ in 0..<4 {
            await f.clock.waitForSleepers(2)
            let next = try #require(f.clock.nextDeadline)
            deadlines.append(next.offset)
            f.clock.advance(to: next)
        }
        try await f.stop(task)
        // Waits of 1, 2, 4, 4 seconds.
        #expect(deadlines == [.seconds(1), .seconds(3), .seconds(7), .seconds(11)])
    }

    @Test func aFinishedRunMakesTheNodeDeactivateAndReturnAtTheThirdEmptyPoll() async throws {
        let f = try await NodeFixture(configuration: FleetNodeConfiguration(
            heartbeatInterval: 30, pollInterval: .seconds(5)...(.seconds(5)), reconnect: ReconnectPolicy(base: .zero, cap: .zero),
            arrayEncoding: .npy))
        let instruction = try await f.postFit(try NodeFixture.parameters())
        let task = f.start()
        _ = try await f.reply(to: instruction)
        try await f.finishRun()
        // One GetRun when the run's first message came; none at the first two polls that find nothing, as
        // between the rounds of a run; one at the third, which finds the run finished.
        for _ in 0..<2 {
            await f.clock.waitForSleepers(2)
            #expect(f.transport.calls.filter { $0 == .getRun }.count == 1)
            f.clock.advance(by: .seconds(5))
        }
        try await within { try await task.value }
        #expect(f.transport.calls.filter { $0 == .getRun }.count == 2)
        #expect(f.transport.calls.filter { $0 == .pullMessages }.count == 4)
        #expect(await f.node.state == .finished)
        #expect(f.transport.calls.last == .deactivateNode)
        #expect(try f.store.node(f.nodeID)?.status == .registered)
    }

    @Test func cancellationDeactivatesAndReturns() async throws {
        let f = try await NodeFixture()
        let task = f.start()
        await f.clock.waitForSleepers(2)
        #expect(await f.service.onlineNodes == [f.nodeID])
        try await f.stop(task)
        #expect(await f.node.state == .stopped)
        #expect(f.transport.calls.last == .deactivateNode)
        #expect(await f.service.onlineNodes.isEmpty)
        // Nothing sleeps on the clock any more: no child task outlived run().
        #expect(f.clock.sleeperCount == 0)
    }

    @Test func aNodeRunsOnlyOnce() async throws {
        let f = try await NodeFixture()
        let task = f.start()
        await f.clock.waitForSleepers(2)
        try await f.stop(task)
        let node = f.node
        await #expect(throws: FleetNodeError.notIdle(.stopped)) { try await node.run() }
    }

    @Test func anInvalidConfigurationIsRefusedBeforeAnyCall() async throws {
        var configuration = NodeFixture.configuration
        configuration.heartbeatLead = 1.5
        let f = try await NodeFixture(configuration: configuration)
        let node = f.node
        await #expect(throws: FleetNodeError.invalidConfiguration("heartbeatLead: 1.5 is outside (0, 1]")) { try await node.run() }
        #expect(f.transport.calls.isEmpty)
    }
}

@Suite struct FleetNodeUnregisterTests {
    /// A node with `key` over `transport` (the fixture's loopback by default) that unregisters on exit.
    func freshNode(_ f: NodeFixture, key: NodeKey, transport: (any FleetTransport)? = nil) -> FleetNode {
        var configuration = NodeFixture.configuration
        configuration.unregisterOnExit = true
        return FleetNode(transport: transport ?? f.transport, client: f.client, key: key, configuration: configuration, clock: f.clock,
                         seed: 7, logger: Logger(label: "test.node", factory: { _ in SwiftLogNoOpLogHandler() }))
    }

    @Test func aNodeThatRegisteredItsOwnKeyUnregistersItWhenItStops() async throws {
        let f = try await NodeFixture()
        let key = NodeKey.generate(.p256)
        let node = freshNode(f, key: key)
        let task = Task { try await node.run() }
        await f.clock.waitForSleepers(2)
        #expect(try f.store.node(publicKey: key.publicKey.flowerBytes) != nil)
        task.cancel()
        try await within { try await task.value }
        #expect(Array(f.transport.calls.suffix(2)) == [.deactivateNode, .unregisterNode])
        #expect(try f.store.node(publicKey: key.publicKey.flowerBytes) == nil)
    }

    @Test func aNodeWhoseRegistrationWasRefusedKeepsTheOperatorsRegistration() async throws {
        let f = try await NodeFixture()
        // Flower with node authentication: RegisterNode is refused, the operator registered the key (the fixture
        // registered NodeFixture.nodeKey ahead), and the node only activates.
        let node = freshNode(f, key: NodeFixture.nodeKey, transport: FlowerStyleTransport(f.transport))
        let task = Task { try await node.run() }
        await f.clock.waitForSleepers(2)
        task.cancel()
        try await within { try await task.value }
        #expect(f.transport.calls.last == .deactivateNode)
        #expect(!f.transport.calls.contains(.unregisterNode))
        #expect(try f.store.node(f.nodeID)?.status == .registered)
    }
}
