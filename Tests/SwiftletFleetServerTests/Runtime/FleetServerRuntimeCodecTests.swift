import Foundation
import SwiftletFederated
import SwiftletFleetProtocol
import Testing
@testable import SwiftletFleetServer

/// Compressed updates through the server runtime: the request in every train instruction, encoded deltas
/// averaged like plain arrays, and every kind of bad payload refused with the model untouched.
@Suite struct FleetServerRuntimeCodecTests {
    static let lossless = try! CompressedCodec(specification: "f32")

    /// The content of a reply carrying `values` encoded with the lossless `f32` pipeline as a delta.
    static func encodedReply(_ values: [Float], examples: Int, codec: String = CompressedCodec.wireIdentifier,
                             bytes: [UInt8]? = nil) throws -> RecordDict {
        let bytes = bytes ?? values.withUnsafeBufferPointer { lossless.encode($0) }
        let result = FitResult(payload: .encoded(EncodedArrays(codec: codec, bytes: bytes, isDelta: true)), exampleCount: examples)
        return try FleetContentMapping.content(result, encoding: .swiftletF32LE)
    }

    /// Runs one round in which A and B train plainly and C answers `content`; returns the result.
    static func roundWithC(answering content: RecordDict) async throws -> FederationResult {
        let h = try await RuntimeHarness.fresh(rounds: 1, uplink: UplinkCompression(codec: "topk:0.5"))
        defer { h.remove() }
        let run = h.start()
        let (a, b, c) = (h.nodes[0], h.nodes[1], h.nodes[2])
        try await a.pullAndTrain(delta: RuntimeHarness.updates[0].delta, examples: 1)
        try await b.pullAndTrain(delta: RuntimeHarness.updates[1].delta, examples: 1)
        try await c.reply(to: try await c.pull(), content: content)
        return try await run.value
    }

    /// Checks that the validator rejected C's update for `reason` and the model is A's and B's average alone.
    static func expectRefused(_ result: FederationResult, because reason: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        // Without C: ((4, 0) + (0, 0)) / 2.
        #expect(result.parameters.values == [2, 0], sourceLocation: sourceLocation)
        let record = try #require(result.history.records.last, sourceLocation: sourceLocation)
        #expect(record.accepted.count == 2, sourceLocation: sourceLocation)
        #expect(record.rejected.count == 1, sourceLocation: sourceLocation)
        let recorded = record.rejected.first?.reason ?? ""
        #expect(recorded.contains(reason), "\(recorded)", sourceLocation: sourceLocation)
    }

    @Test func everyTrainInstructionCarriesTheUplinkRequest() async throws {
        let h = try await RuntimeHarness.fresh(rounds: 1, uplink: UplinkCompression(codec: "topk:0.01+u8", errorFeedback: true))
        defer { h.remove() }
        let run = h.start()
        for node in h.nodes {
            let instruction = try await node.pull()
            var config = try FleetContentMapping.fitInstruction(instruction.content).config
            #expect(try UplinkCompression.extract(from: &config) == UplinkCompression(codec: "topk:0.01+u8", errorFeedback: true))
        }
        run.cancel()
        _ = await run.result
    }

    @Test func withoutAnUplinkCodecInstructionsAskForNothing() async throws {
        let h = try await RuntimeHarness.fresh(rounds: 1)
        defer { h.remove() }
        let run = h.start()
        let instruction = try await h.nodes[0].pull()
        var config = try FleetContentMapping.fitInstruction(instruction.content).config
        #expect(try UplinkCompression.extract(from: &config) == nil)
        run.cancel()
        _ = await run.result
    }

    @Test func encodedDeltasAreAveragedLikePlainArrays() async throws {
        let h = try await RuntimeHarness.fresh(rounds: 2, uplink: UplinkCompression(codec: "f32"))
        defer { h.remove() }
        let run = h.start()
        for _ in 1...2 {
            for (node, update) in zip(h.nodes, RuntimeHarness.updates) {
                try await node.reply(to: try await node.pull(), content: try Self.encodedReply(update.delta, examples: update.examples))
            }
        }
        let result = try await run.value
        // The same (2, 2) per round as plain arrays: the server adds each delta to the model it sent.
        #expect(result.parameters.values == [4, 4])
        #expect(result.history.records.map(\.accepted.count) == [3, 3])
    }

    @Test func aTruncatedPayloadIsRefusedAndTheModelUntouched() async throws {
        let whole = [Float](repeating: 1e6, count: 2).withUnsafeBufferPointer { Self.lossless.encode($0) }
        let result = try await Self.roundWithC(answering: try Self.encodedReply([], examples: 1000, bytes: Array(whole.dropLast(3))))
        try Self.expectRefused(result, because: "malformed encoding")
    }

    @Test func aPayloadForALargerModelIsRefusedAndTheModelUntouched() async throws {
        let result = try await Self.roundWithC(answering: try Self.encodedReply([1e6, 1e6, 1e6], examples: 1000))
        try Self.expectRefused(result, because: "header says 3 elements, expected 2")
    }

    @Test func aPayloadWithTrailingBytesIsRefusedAndTheModelUntouched() async throws {
        let whole = [Float](repeating: 1e6, count: 2).withUnsafeBufferPointer { Self.lossless.encode($0) }
        let result = try await Self.roundWithC(answering: try Self.encodedReply([], examples: 1000, bytes: whole + [0, 0, 0, 0]))
        try Self.expectRefused(result, because: "malformed encoding")
    }

    @Test func aNaNDeltaIsRefusedAndTheModelUntouched() async throws {
        let result = try await Self.roundWithC(answering: try Self.encodedReply([.nan, 0], examples: 1000))
        try Self.expectRefused(result, because: "non-finite value in 'w' at index 0")
    }

    @Test func anUnknownCodecIsRefusedAndTheModelUntouched() async throws {
        let result = try await Self.roundWithC(answering: try Self.encodedReply([1e6, 1e6], examples: 1000, codec: "zstd"))
        try Self.expectRefused(result, because: "unknown encoding 'zstd'")
    }

    @Test func anUplinkCodecCannotBeAskedOfFlowerPeers() {
        #expect(throws: FleetRuntimeError.invalidSettings(
            setting: "uplink", reason: "compressed updates are for Swiftlet peers; Flower peers (npy) send plain arrays")) {
            try FleetRunSettings(runName: "r", arrayEncoding: .npy, uplink: UplinkCompression(codec: "sign")).validate()
        }
    }

    @Test func anUnbuildableUplinkCodecIsRefusedByTheSettings() {
        #expect(throws: FleetRuntimeError.self) {
            try FleetRunSettings(runName: "r", uplink: UplinkCompression(codec: "zstd")).validate()
        }
    }
}
