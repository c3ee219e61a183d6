import Foundation
import SwiftletFederated
import SwiftletFleetNode
import SwiftletFleetProtocol
import Testing

/// The node against a server that answers as flwr 1.40's SuperLink does.
@Suite struct FleetNodeFlowerTests {
    /// A fixture whose node talks through a ``FlowerStyleTransport``, and that transport.
    func flowerFixture(unknownRuns: Set<UInt64> = []) async throws -> (NodeFixture, FlowerStyleTransport) {
        let box = Box()
        let f = try await NodeFixture(wrap: { inner in
            let flower = FlowerStyleTransport(inner, unknownRuns: unknownRuns)
            box.transport = flower
            return flower
        })
        return (f, try #require(box.transport))
    }

    final class Box: @unchecked Sendable { var transport: FlowerStyleTransport? }

    @Test func aRefusedRegistrationIsFollowedByActivation() async throws {
        let (f, _) = try await flowerFixture()
        let instruction = try await f.postFit(try NodeFixture.parameters())
        let task = f.start()
        let reply = try await f.reply(to: instruction)
        try await f.stop(task)
        // The refused RegisterNode never reached the server; ActivateNode was the first call it saw.
        #expect(f.transport.calls.first == .activateNode)
        #expect(reply.content != nil)
        #expect(await f.client.fitCalls.count == 1)
    }

    @Test func flowersRefusalOfGetRunForAFinishedRunEndsTheNode() async throws {
        let (f, flower) = try await flowerFixture()
        let instruction = try await f.postFit(try NodeFixture.parameters())
        let task = f.start()
        _ = try await f.reply(to: instruction)
        // Still running: the node polls on.
        await f.clock.waitForSleepers(2)
        #expect(await f.node.state != .finished)
        flower.finishRun(f.run)
        f.clock.advance(by: .seconds(5))
        try await within { try await task.value }
        #expect(await f.node.state == .finished)
        #expect(f.transport.calls.last == .deactivateNode)
    }

    @Test func aRunReportedOverIsNotAskedAboutAgain() async throws {
        let (f, flower) = try await flowerFixture()
        let second = try await f.service.createRun(name: "second")
        let content = try FleetContentMapping.content(FitInstruction(round: 1, parameters: try NodeFixture.parameters()), encoding: .npy)
        let first = try await f.post(content).messageID
        let other = try await f.post(content, run: second).messageID
        let task = f.start()
        _ = try await f.reply(to: first)
        _ = try await f.reply(to: other)
        await f.clock.waitForSleepers(2)
        flower.finishRun(f.run)
        // The next idle poll learns the first run is over; the second still runs, so the node stays.
        f.clock.advance(by: .seconds(5))
        await f.clock.waitForSleepers(2)
        let asked = flower.getRunRequests.filter { $0 == f.run }.count
        f.clock.advance(by: .seconds(5))
        await f.clock.waitForSleepers(2)
        let requests = flower.getRunRequests
        try await f.stop(task)
        #expect(requests.filter { $0 == f.run }.count == asked)
        #expect(requests.last == second)
        #expect(await f.node.state == .stopped)
    }

    /// Flower answers GetRun for a run it does not know with 403 and code 2008; Swiftlet's server with 404.
    @Test(arguments: [true, false])
    func anInstructionForARunTheServerDoesNotKnowIsDroppedUntrained(flowerAnswers: Bool) async throws {
        let unknown: UInt64 = 999
        let (f, flower) = try await flowerFixture(unknownRuns: flowerAnswers ? [unknown] : [])
        var message = Flwr_Proto_Message()
        message.metadata.runID = unknown
        message.metadata.messageID = String(repeating: "ab", count: 32)
        message.metadata.messageType = FleetMessageType.train
        message.metadata.dstNodeID = f.nodeID
        var tree = Flwr_Proto_ObjectTree()
        tree.objectID = message.metadata.messageID
        flower.deliver(message, tree: tree)
        let task = f.start()
        // The node handled the message and went back to idle polling.
        await f.clock.waitForSleepers(2)
        let stats = await f.node.stats
        try await f.stop(task)
        #expect(stats.messagesHandled == 1 && stats.dropped == 1 && stats.errorsReplied == 0)
        #expect(await f.client.fitCalls.isEmpty)
        #expect(!f.transport.calls.contains(.pullObject) && !f.transport.calls.contains(.pushMessages))
    }

    @Test func replyArraysKeepTheNamesTheInstructionGaveThem() async throws {
        let f = try await NodeFixture()
        // A Flower app's list of arrays: named "0" and "1", shaped as the client's w and b.
        let parameters = try NodeFixture.parameters()
        let arrays = FleetArrayRecord(try zip(["0", "1"], zip(parameters.specs, parameters.offsets)).map { key, item in
            let (spec, offset) = item
            return (key, try ArrayEncoding.npy.array(shape: spec.shape, values: parameters.values[offset..<(offset + spec.count)]))
        })
        let content = RecordDict([
            (FleetContentKeys.arrays, .arrays(arrays)),
            (FleetContentKeys.config, .config(FleetConfigRecord([(FleetContentKeys.serverRound, .value(.int(1)))]))),
        ])
        let instruction = try await f.post(content).messageID
        let task = f.start()
        let reply = try await f.reply(to: instruction)
        try await f.stop(task)
        guard case .arrays(let answered)? = try #require(reply.content)[FleetContentKeys.arrays] else {
            Issue.record("the reply has no array record"); return
        }
        #expect(answered.keys == ["0", "1"])
        // The client adds 1 to [1, 2, 3, 4 | 0.5].
        #expect(try answered.swiftletRecord().values == [2, 3, 4, 5, 1.5])
    }
}
