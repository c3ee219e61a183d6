import Foundation
import SwiftletFederated
@testable import SwiftletFleetNode
import SwiftletFleetProtocol
import SwiftletFleetServer
import Testing

/// A transport that refuses some calls with a given failure and passes the rest on.
final class RefusingTransport: FleetTransport {
    let base: any FleetTransport
    let refused: Set<FleetRPC>
    let failure: FleetFailure

    init(_ base: any FleetTransport, refusing refused: Set<FleetRPC>, with failure: FleetFailure) {
        self.base = base
        self.refused = refused
        self.failure = failure
    }

    func send(_ rpc: FleetRPC, body: [UInt8]) async throws(FleetFailure) -> [UInt8] {
        if refused.contains(rpc) { throw failure }
        return try await base.send(rpc, body: body)
    }
}

/// Moving objects several per request with a Swiftlet server, one per request with any other.
@Suite struct FleetNodeBatchTests {
    @Test func aServerWithoutBatchedCallsIsAskedOnceAndGetsOneObjectPerRequest() async throws {
        // Flower's SuperLink answers an unknown path 404.
        let f = try await NodeFixture(wrap: {
            RefusingTransport($0, refusing: [.pullObjects, .pushObjects], with: FleetFailure(.notFound, "Not Found"))
        })
        let first = try await f.postFit(try NodeFixture.parameters())
        let task = f.start()
        let reply = try await f.reply(to: first)
        let second = try await f.postFit(try ArrayRecord(specs: ScriptedClient.specs, values: [5, 6, 7, 8, 9]))
        // Wake the node from its idle poll wait, whether or not it already found the instruction.
        await f.clock.waitForSleepers(2)
        f.clock.advance(by: .seconds(5))
        _ = try await f.reply(to: second)
        try await f.stop(task)
        let calls = f.transport.calls
        let pushed = try f.transport.bodies(of: .pushObject).map { try Flwr_Proto_PushObjectRequest(serializedBytes: $0).objectID }
        #expect(Set((try reply.deflate()).objects.keys).isSubset(of: pushed))
        #expect(Set(pushed).count == pushed.count)
        #expect(calls.contains(.pullObject))
        // The refused probe never reached the loopback, and was not repeated for the second instruction.
        #expect(!calls.contains(.pullObjects) && !calls.contains(.pushObjects))
        #expect(await f.node.stats.dropped == 0)
    }

    @Test func aBatchTheServerFindsTooLargeGoesAgainOneObjectPerRequest() async throws {
        let f = try await NodeFixture(wrap: {
            RefusingTransport($0, refusing: [.pushObjects], with: FleetFailure(.payloadTooLarge, "body over the limit"))
        })
        let instruction = try await f.postFit(try NodeFixture.parameters())
        let task = f.start()
        let reply = try await f.reply(to: instruction)
        try await f.stop(task)
        let pushed = try f.transport.bodies(of: .pushObject).map { try Flwr_Proto_PushObjectRequest(serializedBytes: $0).objectID }
        #expect(pushed.sorted() == (try reply.deflate()).objects.keys.sorted())
        #expect(f.transport.calls.contains(.pullObjects))
        #expect(await f.node.stats.dropped == 0)
    }

    @Test func objectsAreCutIntoBatchesOfAtMostTheByteBudgetInOrder() {
        let objects: [(id: String, bytes: [UInt8])] = [("a", [1, 1, 1]), ("b", [2, 2]), ("c", [3, 3, 3, 3, 3, 3]), ("d", [4]), ("e", [5])]
        let batches = FleetNode.batches(objects, maxBytes: 5)
        // 3 + 2 = 5 fits; 6 bytes is alone; 1 + 1 together.
        #expect(batches.map { $0.map(\.id) } == [["a", "b"], ["c"], ["d", "e"]])
        #expect(FleetNode.batches([], maxBytes: 5).isEmpty)
    }

    @Test func aBudgetOfNoBytesOrNoEmptyPollsIsAnInvalidConfiguration() {
        var configuration = NodeFixture.configuration
        configuration.maxBatchBytes = 0
        #expect(throws: FleetNodeError.invalidConfiguration("maxBatchBytes: 0 must be positive")) { try configuration.validate() }
        configuration = NodeFixture.configuration
        configuration.emptyPollsBeforeRunCheck = 0
        #expect(throws: FleetNodeError.invalidConfiguration("emptyPollsBeforeRunCheck: 0 must be at least 1")) {
            try configuration.validate()
        }
    }

    @Test func flowersSettingsNeverAskForBatchedCalls() {
        #expect(!FleetNodeConfiguration.flower.batchObjects)
        #expect(FleetNodeConfiguration().batchObjects)
    }
}
