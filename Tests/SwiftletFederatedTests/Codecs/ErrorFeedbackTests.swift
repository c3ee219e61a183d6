import Testing
import SwiftletFederated

@Suite struct ErrorFeedbackTests {
    @Test func compensationAddsTheResidual() throws {
        #expect(try ErrorFeedback.compensate([1, 2, 3], residual: [0.5, -2, 0]) == [1.5, 0, 3])
    }

    @Test func noResidualLeavesTheUpdate() throws {
        #expect(try ErrorFeedback.compensate([1, 2], residual: nil) == [1, 2])
    }

    @Test func residualIsWhatWasNotTransmitted() throws {
        #expect(try ErrorFeedback.residual(compensated: [1.5, 0, 3], transmitted: [1.5, 0, 0]) == [0, 0, 3])
    }

    @Test func residualOfAnotherLengthIsRefused() {
        #expect(throws: CodecError.lengthMismatch(codec: "residual", expected: 2, actual: 3)) {
            try ErrorFeedback.compensate([1, 2], residual: [0, 0, 0])
        }
    }

    @Test func topKResidualCarriesTheDroppedValuesToTheNextRound() throws {
        let codec = try CompressedCodec(specification: "topk:0.25")
        // Round 1 sends the 3 (top 1 of 4); 1, 2 and −0.5 stay behind.
        let first = try ErrorFeedback.encode([1, 3, 2, -0.5], residual: nil, codec: codec, seed: 0)
        #expect(first.transmitted == [0, 3, 0, 0])
        #expect(first.residual == [1, 0, 2, -0.5])
        // Round 2's update [1, 0, 0.5, 0] plus the residual: [2, 0, 2.5, −0.5] sends the 2.5.
        let second = try ErrorFeedback.encode([1, 0, 0.5, 0], residual: first.residual, codec: codec, seed: 0)
        #expect(second.transmitted == [0, 0, 2.5, 0])
        #expect(second.residual == [2, 0, 0, -0.5])
    }

    @Test func everyCoordinateArrivesEventuallyUnderTopK() throws {
        // The same update every round: with feedback, the total sent over many rounds tracks the total produced.
        let codec = try CompressedCodec(specification: "topk:0.1")
        let update = normalValues(100, seed: 8, scale: 0.1)
        var residual: [Float]?
        var sent = [Float](repeating: 0, count: 100)
        let rounds = 200
        for round in 0..<rounds {
            let step = try ErrorFeedback.encode(update, residual: residual, codec: codec, seed: UInt64(round))
            residual = step.residual
            for i in sent.indices { sent[i] += step.transmitted[i] }
        }
        // Sent + residual = rounds × update exactly (up to rounding); the residual stays bounded.
        for i in sent.indices {
            #expect(abs(sent[i] + residual![i] - Float(rounds) * update[i]) < 1e-3)
            #expect(abs(residual![i]) < 20 * 0.4)
        }
    }
}
