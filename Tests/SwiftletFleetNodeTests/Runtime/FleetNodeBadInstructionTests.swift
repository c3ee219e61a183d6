import Foundation
import SwiftletFederated
import SwiftletFleetNode
import SwiftletFleetProtocol
import SwiftletFleetServer
import Testing

@Suite struct FleetNodeBadInstructionTests {
    /// The train content of round 1 with `arrays` as the array record.
    func trainContent(_ arrays: FleetArrayRecord) -> RecordDict {
        RecordDict([
            (FleetContentKeys.arrays, .arrays(arrays)),
            (FleetContentKeys.config, .config(FleetConfigRecord([(FleetContentKeys.serverRound, .value(.int(1)))]))),
        ])
    }

    /// Posts `content`, lets the node answer, and returns the error of its reply and the client's fit calls.
    func errorReply(_ f: NodeFixture, content: RecordDict, type: String = FleetMessageType.train)
        async throws -> (Flwr_Proto_Error?, Int) {
        let instruction = try await f.post(content, type: type).messageID
        let task = f.start()
        let reply = try await f.reply(to: instruction)
        try await f.stop(task)
        return (reply.error, await f.client.fitCalls.count)
    }

    @Test func aCorruptedObjectIsRefusedAndTheClientIsNeverCalled() async throws {
        let f = try await NodeFixture()
        let content = try FleetContentMapping.content(FitInstruction(round: 1, parameters: try NodeFixture.parameters()), encoding: .npy)
        let bad = try await f.post(content)
        let leaf = try #require(bad.pullOrder.first)
        f.transport.tamper(object: leaf) { bytes in Array(bytes.dropLast()) + [bytes.last! ^ 0x01] }
        let task = f.start()
        let reply = try await f.reply(to: bad.messageID)
        let error = try #require(reply.error)
        #expect(error.code == FleetErrorCode.messageUnavailable)
        #expect(error.reason.contains("object \(leaf)") && error.reason.contains("hash to"))
        #expect(await f.client.fitCalls.isEmpty)
        // The node goes on: the next, sound instruction (no object in common with the first) is trained on.
        let other = try ArrayRecord(specs: ScriptedClient.specs, values: [5, 6, 7, 8, 9])
        let good = try await f.post(try FleetContentMapping.content(FitInstruction(round: 2, parameters: other), encoding: .npy))
        #expect(Set(good.objects.keys).isDisjoint(with: bad.objects.keys))
        // Wake the node from its idle poll wait, whether or not it already found the instruction.
        await f.clock.waitForSleepers(2)
        f.clock.advance(by: .seconds(5))
        let second = try await f.reply(to: good.messageID)
        try await f.stop(task)
        let result = try FleetContentMapping.fitResult(try #require(second.content), expected: ScriptedClient.specs)
        #expect(result.payload == .arrays(try other.with(values: [6, 7, 8, 9, 10])))
        #expect(await f.client.fitCalls.map(\.round) == [2])
        let stats = await f.node.stats
        #expect(stats.errorsReplied == 1 && stats.fits == 1 && stats.messagesHandled == 2)
    }

    @Test func aTruncatedObjectIsRefused() async throws {
        let f = try await NodeFixture()
        let content = try FleetContentMapping.content(FitInstruction(round: 1, parameters: try NodeFixture.parameters()), encoding: .npy)
        let bad = try await f.post(content)
        let leaf = try #require(bad.pullOrder.first)
        f.transport.tamper(object: leaf) { Array($0.prefix($0.count / 2)) }
        let task = f.start()
        let reply = try await f.reply(to: bad.messageID)
        try await f.stop(task)
        #expect(reply.error?.code == FleetErrorCode.messageUnavailable)
        #expect(reply.error?.reason.contains(leaf) == true)
        #expect(await f.client.fitCalls.isEmpty)
    }

    @Test func anInstructionLargerThanTheLimitIsRefusedUnread() async throws {
        var configuration = NodeFixture.configuration
        configuration.maxMessageBytes = 100
        let f = try await NodeFixture(configuration: configuration)
        let content = try FleetContentMapping.content(FitInstruction(round: 1, parameters: try NodeFixture.parameters()), encoding: .npy)
        let (error, fits) = try await errorReply(f, content: content)
        #expect(error?.code == FleetErrorCode.messageUnavailable)
        #expect(error?.reason.contains("is larger than 100 bytes") == true)
        #expect(fits == 0)
    }

    @Test func wrongShapeParametersGetAnErrorReply() async throws {
        let f = try await NodeFixture()
        let wrong = try ArrayRecord(specs: [ArraySpec(name: "w", shape: [4]), ArraySpec(name: "b", shape: [1])], values: [1, 2, 3, 4, 0.5])
        let content = try FleetContentMapping.content(FitInstruction(round: 1, parameters: wrong), encoding: .npy)
        let (error, fits) = try await errorReply(f, content: content)
        #expect(error?.code == FleetErrorCode.clientAppRaisedException)
        #expect(error?.reason.contains("shape [4] differs from the expected [2, 2] of 'w'") == true)
        #expect(fits == 0)
    }

    @Test func aWrongDtypeGetsAnErrorReply() async throws {
        let f = try await NodeFixture()
        let w = FleetArray(dtype: "int32", shape: [2, 2], stype: ArrayEncoding.f32leStype, data: Array(repeating: 0, count: 16))
        let b = FleetArray(dtype: "float32", shape: [1], stype: ArrayEncoding.f32leStype, data: [0, 0, 0, 0])
        let (error, fits) = try await errorReply(f, content: trainContent(FleetArrayRecord([("w", w), ("b", b)])))
        #expect(error?.code == FleetErrorCode.clientAppRaisedException)
        #expect(error?.reason.contains("dtype int32") == true)
        #expect(fits == 0)
    }

    @Test func anIntegerNpyArrayFromAFlowerAppGetsAnErrorReplyNamingIt() async throws {
        let f = try await NodeFixture()
        // What a numpy app sends when it builds its model with np.arange: int64 arrays, named "0" and "1".
        let w = FleetArray(dtype: "int64", shape: [2, 2], stype: ArrayEncoding.npyStype,
                           data: try NpyArray(shape: [2, 2], elements: .int64([1, 2, 3, 4]), bigEndian: true).encoded)
        let b = FleetArray(dtype: "float32", shape: [1], stype: ArrayEncoding.npyStype,
                           data: try NpyArray(shape: [1], elements: .float32([0.5])).encoded)
        let (error, fits) = try await errorReply(f, content: trainContent(FleetArrayRecord([("0", w), ("1", b)])))
        #expect(error?.code == FleetErrorCode.clientAppRaisedException)
        #expect(error?.reason.contains("array 0 ('0'): dtype int64 is not a float type") == true)
        #expect(fits == 0)
    }

    @Test func aFortranOrderNpyArrayGetsAnErrorReply() async throws {
        let f = try await NodeFixture()
        var npy = try NpyArray(shape: [2, 2], elements: .float32([1, 2, 3, 4])).encoded
        // Flip the header's fortran_order to True ("False" → "True " keeps the header's length and padding).
        let flag = Array("False".utf8)
        let at = try #require((0...(npy.count - flag.count)).first { Array(npy[$0..<($0 + flag.count)]) == flag })
        npy.replaceSubrange(at..<(at + flag.count), with: Array("True ".utf8))
        let w = FleetArray(dtype: "float32", shape: [2, 2], stype: ArrayEncoding.npyStype, data: npy)
        let b = FleetArray(dtype: "float32", shape: [1], stype: ArrayEncoding.npyStype,
                           data: try NpyArray(shape: [1], elements: .float32([0.5])).encoded)
        let (error, fits) = try await errorReply(f, content: trainContent(FleetArrayRecord([("0", w), ("1", b)])))
        #expect(error?.reason.contains("array 0 ('0'): .npy arrays in Fortran order are not supported") == true)
        #expect(fits == 0)
    }

    @Test func nanParametersGetAnErrorReply() async throws {
        let f = try await NodeFixture()
        let poisoned = try ArrayRecord(specs: ScriptedClient.specs, values: [1, .nan, 3, 4, 0.5])
        let content = try FleetContentMapping.content(FitInstruction(round: 1, parameters: poisoned), encoding: .npy)
        let (error, fits) = try await errorReply(f, content: content)
        #expect(error?.code == FleetErrorCode.clientAppRaisedException)
        #expect(error?.reason.contains("array 'w' holds nan at element 1") == true)
        #expect(fits == 0)
    }

    @Test func anUnknownMessageTypeGetsAnErrorReply() async throws {
        let f = try await NodeFixture()
        let content = try FleetContentMapping.content(FitInstruction(round: 1, parameters: try NodeFixture.parameters()), encoding: .npy)
        let (error, fits) = try await errorReply(f, content: content, type: "query")
        #expect(error?.code == FleetErrorCode.clientAppRaisedException)
        #expect(error?.reason.contains("unknown message type 'query'") == true)
        #expect(fits == 0)
    }

    @Test func aClientThatThrowsGetsAnErrorReplyNamingItsError() async throws {
        let f = try await NodeFixture(failingClient: true)
        let content = try FleetContentMapping.content(FitInstruction(round: 2, parameters: try NodeFixture.parameters()), encoding: .npy)
        let (error, fits) = try await errorReply(f, content: content)
        #expect(error?.code == FleetErrorCode.clientAppRaisedException)
        #expect(error?.reason == "the client failed to train (round 2): the training data is unreadable")
        #expect(fits == 1)
        #expect(await f.node.stats.errorsReplied == 1)
    }
}
