import Foundation
import SwiftletFederated
import SwiftletFleetNode
import SwiftletFleetProtocol
import SwiftletFleetServer
import Testing

/// A node keeps the model it was sent and applies the server's deltas to it. The lossless `f32` pipeline
/// makes every reconstruction exact; the scripted client adds 1 to every value.
@Suite struct FleetNodeDownlinkTests {
    static let lossless = try! CompressedCodec(specification: "f32")
    static let first: [Float] = [1, 2, 3, 4, 0.5]
    static let second: [Float] = [2, 2, 3, 4, 1.5]

    /// A round-1 instruction carrying the whole model with its digest.
    static func whole() throws -> RecordDict {
        var content = try FleetContentMapping.content(FitInstruction(round: 1, parameters: try NodeFixture.parameters()), encoding: .npy)
        DownlinkInstruction(codec: "f32", base: nil, model: ModelDigest(of: first)).write(into: &content, delta: nil)
        return content
    }

    /// A round-2 instruction carrying `second − first` against `base`, claiming the result has digest `model`.
    static func delta(base: ModelDigest = ModelDigest(of: first), model: ModelDigest = ModelDigest(of: second)) throws -> RecordDict {
        var content = try FleetContentMapping.content(FitInstruction(round: 2, parameters: try NodeFixture.parameters()), encoding: .npy)
        let bytes = zip(second, first).map { $0 - $1 }.withUnsafeBufferPointer { lossless.encode($0) }
        DownlinkInstruction(codec: "f32", base: base, model: model)
            .write(into: &content, delta: EncodedArrays(codec: lossless.identifier, bytes: bytes, isDelta: true))
        return content
    }

    /// Posts `content`, wakes the node from its idle poll, and answers its reply.
    static func next(_ f: NodeFixture, _ content: RecordDict) async throws -> FleetMessage {
        let message = try await f.post(content).messageID
        await f.clock.waitForSleepers(2)
        f.clock.advance(by: .seconds(5))
        return try await f.reply(to: message)
    }

    @Test func theWholeModelIsTrainedOnAndAcknowledged() async throws {
        let f = try await NodeFixture()
        let message = try await f.post(try Self.whole()).messageID
        let task = f.start()
        let reply = try await f.reply(to: message)
        try await f.stop(task)
        #expect(DownlinkInstruction.held(in: try #require(reply.content)) == ModelDigest(of: Self.first))
        #expect(await f.client.fitCalls.map(\.parameters.values) == [Self.first])
    }

    @Test func aDeltaIsAddedToTheHeldModel() async throws {
        let f = try await NodeFixture()
        let message = try await f.post(try Self.whole()).messageID
        let task = f.start()
        _ = try await f.reply(to: message)
        let reply = try await Self.next(f, try Self.delta())
        try await f.stop(task)
        // [1, 2, 3, 4, 0.5] + [1, 0, 0, 0, 1].
        #expect(await f.client.fitCalls.map(\.parameters.values) == [Self.first, Self.second])
        #expect(await f.client.fitCalls.last?.parameters.specs == ScriptedClient.specs)
        let content = try #require(reply.content)
        #expect(DownlinkInstruction.held(in: content) == ModelDigest(of: Self.second))
        let result = try FleetContentMapping.fitResult(content, expected: ScriptedClient.specs)
        #expect(result.payload == .arrays(try ArrayRecord(specs: ScriptedClient.specs, values: Self.second.map { $0 + 1 })))
    }

    @Test func aDeltaAgainstTheModelBeforeTheLatestStillApplies() async throws {
        // The node's round-2 reply was lost: the server still takes it to hold the round-1 model.
        let f = try await NodeFixture()
        let message = try await f.post(try Self.whole()).messageID
        let task = f.start()
        _ = try await f.reply(to: message)
        _ = try await Self.next(f, try Self.delta())
        let reply = try await Self.next(f, try Self.delta())
        try await f.stop(task)
        #expect(DownlinkInstruction.held(in: try #require(reply.content)) == ModelDigest(of: Self.second))
    }

    @Test func aDeltaAgainstAModelTheNodeDoesNotHoldIsAnsweredWithBaseMissing() async throws {
        let f = try await NodeFixture()
        let message = try await f.post(try Self.delta()).messageID
        let task = f.start()
        let reply = try await f.reply(to: message)
        try await f.stop(task)
        let error = try #require(reply.error)
        #expect(error.code == FleetErrorCode.downlinkBaseMissing)
        #expect(error.reason.contains(ModelDigest(of: Self.first).rawValue))
        #expect(await f.client.fitCalls.isEmpty)
    }

    @Test func aReconstructionWithAnotherDigestIsAnsweredWithBaseMissing() async throws {
        let f = try await NodeFixture()
        let message = try await f.post(try Self.whole()).messageID
        let task = f.start()
        _ = try await f.reply(to: message)
        let reply = try await Self.next(f, try Self.delta(model: ModelDigest(of: [9, 9, 9, 9, 9])))
        try await f.stop(task)
        let error = try #require(reply.error)
        #expect(error.code == FleetErrorCode.downlinkBaseMissing)
        #expect(await f.client.fitCalls.count == 1)
    }

    @Test func aWholeModelWhoseDigestDiffersIsRefused() async throws {
        let f = try await NodeFixture()
        var content = try FleetContentMapping.content(FitInstruction(round: 1, parameters: try NodeFixture.parameters()), encoding: .npy)
        DownlinkInstruction(codec: "f32", base: nil, model: ModelDigest(of: Self.second)).write(into: &content, delta: nil)
        let message = try await f.post(content).messageID
        let task = f.start()
        let reply = try await f.reply(to: message)
        try await f.stop(task)
        #expect(reply.error?.code == FleetErrorCode.downlinkBaseMissing)
        #expect(await f.client.fitCalls.isEmpty)
    }
}
