import Testing
import SwiftletFederated

/// The pure delta rules behind compressed downlinks and uplinks.
@Suite struct DeltaCodingTests {
    static let u8 = try! CompressedCodec(specification: "u8:4")
    static let topK = try! CompressedCodec(specification: "topk:0.25")

    @Test func float32SendsParametersEveryOtherCodecSendsDeltas() {
        #expect(DeltaCoding.sendsParameters(Float32Codec()))
        #expect(!DeltaCoding.sendsParameters(Self.u8))
    }

    @Test func firstContactGetsTheWholeModelAsFloat32() throws {
        let downlink = try DeltaCoding.downlink(global: [1, 2, 3], lastReceived: nil, codec: Self.u8, seed: 0)
        #expect(downlink.bytes == 12)
        #expect(downlink.model == [1, 2, 3])
    }

    @Test func laterContactsGetTheDeltaAgainstWhatTheyHold() throws {
        // Delta [0.5, 0, −1, 0.25] in one u8 block: absmax 1, codes 64 (63.5 to even), 0, −127, 32 (31.75 up).
        let downlink = try DeltaCoding.downlink(global: [1.5, 2, 2, 4.25], lastReceived: [1, 2, 3, 4], codec: Self.u8, seed: 0)
        // Header 7 bytes (1 stage, u8 block 4, count 4), one scale, four codes.
        #expect(downlink.bytes == 7 + 4 + 4)
        let step: Float = 1.0 / 127
        #expect(downlink.model == [1 + 64 * step, 2, 3 - 127 * step, 4 + 32 * step])
    }

    @Test func aLosslessDeltaReproducesTheGlobalModel() throws {
        let f32 = try CompressedCodec(specification: "f32")
        let downlink = try DeltaCoding.downlink(global: [1.5, -2, 0], lastReceived: [1, 2, 3], codec: f32, seed: 0)
        #expect(downlink.model == [1.5, -2, 0])
    }

    @Test func heldModelOfAnotherSizeIsRefused() {
        #expect(throws: CodecError.lengthMismatch(codec: "last received model", expected: 3, actual: 2)) {
            try DeltaCoding.downlink(global: [1, 2, 3], lastReceived: [1, 2], codec: Self.u8, seed: 0)
        }
    }

    @Test func aDeltaAppliedToItsBaseGivesTheModelTheSenderPredicted() throws {
        // Delta [0.5, 0, −1, 0.25] as in the u8 example above: the receiver adds the decoded delta to its base.
        let encoded = try DeltaCoding.encodeDelta(target: [1.5, 2, 2, 4.25], base: [1, 2, 3, 4], codec: Self.u8, seed: 0)
        #expect(try DeltaCoding.applyDelta(encoded.bytes, to: [1, 2, 3, 4], codec: Self.u8) == encoded.model)
    }

    @Test func aDeltaOfTheWrongLengthIsRefusedNotApplied() {
        let bytes = [Float](repeating: 1, count: 3).withUnsafeBufferPointer { Self.u8.encode($0) }
        #expect(throws: CodecError.elementCountMismatch(codec: "swc", header: 3, expected: 4)) {
            try DeltaCoding.applyDelta(bytes, to: [1, 2, 3, 4], codec: Self.u8)
        }
    }

    @Test func uplinkEncodesTrainedMinusReceived() throws {
        let update = try DeltaCoding.uplink(trained: [1, 5, 3, 3], received: [1, 2, 3, 4], residual: nil, errorFeedback: false,
                                            codec: Self.topK, seed: 0)
        #expect(try CompressedCodec.decode(update.bytes, count: 4) == [0, 3, 0, 0])
        #expect(update.residual == nil)
    }

    @Test func uplinkWithErrorFeedbackAddsAndReturnsTheResidual() throws {
        // Delta [0, 3, 0, −1] + residual [2, 0, 0, 0] = [2, 3, 0, −1]: top-1 sends the 3 and keeps [2, 0, 0, −1].
        let update = try DeltaCoding.uplink(trained: [1, 5, 3, 3], received: [1, 2, 3, 4], residual: [2, 0, 0, 0],
                                            errorFeedback: true, codec: Self.topK, seed: 0)
        #expect(try CompressedCodec.decode(update.bytes, count: 4) == [0, 3, 0, 0])
        #expect(update.residual == [2, 0, 0, -1])
    }
}
