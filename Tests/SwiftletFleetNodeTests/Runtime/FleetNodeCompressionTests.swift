import Foundation
import SwiftletFederated
import SwiftletFleetNode
import SwiftletFleetProtocol
import SwiftletFleetServer
import Testing

/// A node asked for a compressed update encodes `trained − received` with the codec the instruction names.
///
/// The scripted client adds 1 to every value, so every delta is [1, 1, 1, 1, 1]; top-k keeps ties at the
/// lower index, and `topk:0.2` keeps one value of five as a float32.
@Suite struct FleetNodeCompressionTests {
    static let topOne = try! CompressedCodec(specification: "topk:0.2")

    /// A round-`round` train instruction asking for `uplink`.
    static func instruction(round: Int, uplink: UplinkCompression?, config: ConfigRecord = [:]) throws -> RecordDict {
        let config = uplink?.applied(to: config) ?? config
        return try FleetContentMapping.content(FitInstruction(round: round, parameters: try NodeFixture.parameters(), config: config),
                                               encoding: .npy)
    }

    /// The node's encoded update in its reply to `messageID`.
    static func encodedUpdate(_ f: NodeFixture, _ messageID: String) async throws -> EncodedArrays {
        let reply = try await f.reply(to: messageID)
        let result = try FleetContentMapping.fitResult(try #require(reply.content))
        guard case .encoded(let encoded) = result.payload else {
            Issue.record("expected an encoded update, got \(result.payload)")
            throw TimedOut()
        }
        return encoded
    }

    @Test func theNodeSendsTheDeltaThroughTheRequestedCodec() async throws {
        let f = try await NodeFixture()
        let message = try await f.post(try Self.instruction(round: 1, uplink: UplinkCompression(codec: "topk:0.2"))).messageID
        let task = f.start()
        let encoded = try await Self.encodedUpdate(f, message)
        try await f.stop(task)
        // Delta [1, 1, 1, 1, 1]: top-1 keeps the first.
        let predicted: [Float] = [1, 0, 0, 0, 0]
        #expect(encoded.isDelta)
        #expect(encoded.codec == CompressedCodec.wireIdentifier)
        #expect(encoded.bytes == [Float](repeating: 1, count: 5).withUnsafeBufferPointer { Self.topOne.encode($0) })
        #expect(try CompressedCodec.decode(encoded.bytes, count: 5) == predicted)
    }

    @Test func theClientNeverSeesTheCodecEntries() async throws {
        let f = try await NodeFixture()
        let message = try await f.post(try Self.instruction(round: 1, uplink: UplinkCompression(codec: "topk:0.2", errorFeedback: true),
                                                            config: ["learning-rate": .double(0.1)])).messageID
        let task = f.start()
        _ = try await f.reply(to: message)
        try await f.stop(task)
        #expect(await f.client.fitCalls.map(\.config) == [["learning-rate": .double(0.1)]])
    }

    @Test func errorFeedbackCarriesTheDroppedMassIntoTheNextRound() async throws {
        let f = try await NodeFixture()
        let uplink = UplinkCompression(codec: "topk:0.2", errorFeedback: true)
        let first = try await f.post(try Self.instruction(round: 1, uplink: uplink)).messageID
        let task = f.start()
        let round1 = try await Self.encodedUpdate(f, first)
        let second = try await f.post(try Self.instruction(round: 2, uplink: uplink)).messageID
        await f.clock.waitForSleepers(2)
        f.clock.advance(by: .seconds(5))
        let round2 = try await Self.encodedUpdate(f, second)
        try await f.stop(task)
        // Round 1 sends [1, 0, 0, 0, 0] and keeps [0, 1, 1, 1, 1]; round 2 compresses [1, 1, 1, 1, 1] + that
        // = [1, 2, 2, 2, 2], whose top-1 is the 2 at index 1 (without the residual it would be index 0 again).
        #expect(try CompressedCodec.decode(round1.bytes, count: 5) == [1, 0, 0, 0, 0])
        #expect(try CompressedCodec.decode(round2.bytes, count: 5) == [0, 2, 0, 0, 0])
    }

    @Test func withoutErrorFeedbackEveryRoundStartsAfresh() async throws {
        let f = try await NodeFixture()
        let uplink = UplinkCompression(codec: "topk:0.2")
        let first = try await f.post(try Self.instruction(round: 1, uplink: uplink)).messageID
        let task = f.start()
        _ = try await Self.encodedUpdate(f, first)
        let second = try await f.post(try Self.instruction(round: 2, uplink: uplink)).messageID
        await f.clock.waitForSleepers(2)
        f.clock.advance(by: .seconds(5))
        let round2 = try await Self.encodedUpdate(f, second)
        try await f.stop(task)
        #expect(try CompressedCodec.decode(round2.bytes, count: 5) == [1, 0, 0, 0, 0])
    }

    @Test func anUnknownCodecIsAnsweredWithAnErrorNamingItBeforeTraining() async throws {
        let f = try await NodeFixture()
        let message = try await f.post(try Self.instruction(round: 1, uplink: UplinkCompression(codec: "zstd:9"))).messageID
        let task = f.start()
        let reply = try await f.reply(to: message)
        try await f.stop(task)
        let error = try #require(reply.error)
        #expect(error.code == FleetErrorCode.unsupportedCodec)
        #expect(error.reason.contains("'zstd:9'"))
        #expect(await f.client.fitCalls.isEmpty)
    }

    @Test func anInstructionWithoutACodecStillGetsPlainArrays() async throws {
        let f = try await NodeFixture()
        let message = try await f.post(try Self.instruction(round: 1, uplink: nil)).messageID
        let task = f.start()
        let reply = try await f.reply(to: message)
        try await f.stop(task)
        let result = try FleetContentMapping.fitResult(try #require(reply.content), expected: ScriptedClient.specs)
        #expect(result.payload == .arrays(try ArrayRecord(specs: ScriptedClient.specs, values: [2, 3, 4, 5, 1.5])))
    }
}
