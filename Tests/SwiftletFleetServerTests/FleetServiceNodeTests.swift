import Foundation
import SwiftletFleetProtocol
import Testing
@testable import SwiftletFleetServer

@Suite struct FleetServiceNodeTests {
    let key: [UInt8] = Array(repeating: 7, count: 65)

    @Test func registerAnswersANodeIDAndAgainTheSameForTheSameKey() async throws {
        let f = try await FleetFixture()
        var request = Flwr_Proto_RegisterNodeFleetRequest()
        request.publicKey = Data(key)
        let first: Flwr_Proto_RegisterNodeFleetResponse = try await f.call(.registerNode, request, key: key)
        let second: Flwr_Proto_RegisterNodeFleetResponse = try await f.call(.registerNode, request, key: key)
        #expect(first.nodeID != 0)
        #expect(second.nodeID == first.nodeID)
        #expect(try f.counts().nodes == 1)
    }

    @Test func activateBringsANodeOnlineAndReportsIt() async throws {
        let f = try await FleetFixture()
        let events = await f.service.nodeEvents()
        let id = try await f.online(key: key)
        #expect(await f.service.onlineNodes == [id])
        var iterator = events.makeAsyncIterator()
        #expect(await iterator.next() == .activated(id))
    }

    @Test func registerWithAnotherKeyThanTheSignerIsForbidden() async throws {
        let f = try await FleetFixture()
        var request = Flwr_Proto_RegisterNodeFleetRequest()
        request.publicKey = Data(key)
        let kind = await failureKind { let _: Flwr_Proto_RegisterNodeFleetResponse = try await f.call(.registerNode, request, key: [1, 2, 3]) }
        #expect(kind == .forbidden)
        #expect(try f.counts().nodes == 0)
    }

    @Test func callsNamingAnotherKeysNodeAreForbidden() async throws {
        let f = try await FleetFixture()
        let id = try await f.online(key: key)
        var request = Flwr_Proto_SendNodeHeartbeatRequest()
        request.node.nodeID = id
        request.heartbeatInterval = 30
        let kind = await failureKind { let _: Flwr_Proto_SendNodeHeartbeatResponse = try await f.call(.sendNodeHeartbeat, request, key: [9]) }
        #expect(kind == .forbidden)
    }

    @Test func heartbeatOutsideTheAllowedIntervalIsABadRequest() async throws {
        let f = try await FleetFixture()
        let id = try await f.online(key: key)
        var request = Flwr_Proto_SendNodeHeartbeatRequest()
        request.node.nodeID = id
        request.heartbeatInterval = 5
        let kind = await failureKind { let _: Flwr_Proto_SendNodeHeartbeatResponse = try await f.call(.sendNodeHeartbeat, request, key: key) }
        #expect(kind == .badRequest)
    }

    @Test func aNodeThatMissesItsHeartbeatsGoesOfflineAndComesBackWithTheNext() async throws {
        let f = try await FleetFixture()
        let events = await f.service.nodeEvents()
        var iterator = events.makeAsyncIterator()
        let id = try await f.online(key: key, interval: 30)
        #expect(await iterator.next() == .activated(id))
        f.clock.advance(60)  // exactly interval × tolerance: still online
        try await f.service.expireNodes()
        #expect(await f.service.onlineNodes == [id])
        f.clock.advance(1)
        try await f.service.expireNodes()
        #expect(await f.service.onlineNodes == [])
        #expect(await iterator.next() == .expired(id))
        var beat = Flwr_Proto_SendNodeHeartbeatRequest()
        beat.node.nodeID = id
        beat.heartbeatInterval = 30
        let answer: Flwr_Proto_SendNodeHeartbeatResponse = try await f.call(.sendNodeHeartbeat, beat, key: key)
        #expect(answer.success)
        #expect(await iterator.next() == .activated(id))
    }

    @Test func heartbeatFromANodeThatNeverActivatedIsNotASuccess() async throws {
        let f = try await FleetFixture()
        var register = Flwr_Proto_RegisterNodeFleetRequest()
        register.publicKey = Data(key)
        let node: Flwr_Proto_RegisterNodeFleetResponse = try await f.call(.registerNode, register, key: key)
        var beat = Flwr_Proto_SendNodeHeartbeatRequest()
        beat.node.nodeID = node.nodeID
        beat.heartbeatInterval = 30
        let answer: Flwr_Proto_SendNodeHeartbeatResponse = try await f.call(.sendNodeHeartbeat, beat, key: key)
        #expect(answer == Flwr_Proto_SendNodeHeartbeatResponse())
    }

    @Test func deactivateAndUnregisterReportEventsAndRemoveTheNode() async throws {
        let f = try await FleetFixture()
        let events = await f.service.nodeEvents()
        var iterator = events.makeAsyncIterator()
        let id = try await f.online(key: key)
        _ = await iterator.next()
        var deactivate = Flwr_Proto_DeactivateNodeRequest()
        deactivate.nodeID = id
        let _: Flwr_Proto_DeactivateNodeResponse = try await f.call(.deactivateNode, deactivate, key: key)
        #expect(await iterator.next() == .deactivated(id))
        var unregister = Flwr_Proto_UnregisterNodeFleetRequest()
        unregister.nodeID = id
        let _: Flwr_Proto_UnregisterNodeFleetResponse = try await f.call(.unregisterNode, unregister, key: key)
        #expect(await iterator.next() == .unregistered(id))
        #expect(try f.counts().nodes == 0)
    }

    @Test func unknownNodeIsNotFoundAndMalformedBodyABadRequest() async throws {
        let f = try await FleetFixture()
        var request = Flwr_Proto_DeactivateNodeRequest()
        request.nodeID = 42
        let missing = await failureKind { let _: Flwr_Proto_DeactivateNodeResponse = try await f.call(.deactivateNode, request) }
        #expect(missing == .notFound)
        let malformed = await failureKind { _ = try await f.service.handle(.pullMessages, body: [0xFF, 0xFF, 0xFF], caller: .anonymous) }
        #expect(malformed == .badRequest)
    }

    @Test func restoreGivesOnlineNodesOneIntervalOfGrace() async throws {
        let f = try await FleetFixture()
        let id = try await f.online(key: key, interval: 30)
        f.clock.advance(50)
        let restarted = FleetService(store: f.store, now: { f.clock.now })
        try await restarted.restore()
        f.clock.advance(30)
        try await restarted.expireNodes()
        #expect(await restarted.onlineNodes == [id])
        f.clock.advance(1)
        try await restarted.expireNodes()
        #expect(await restarted.onlineNodes == [])
    }
}
