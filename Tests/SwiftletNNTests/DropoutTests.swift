import Testing
import SwiftletTensor
@testable import SwiftletNN

@Suite struct DropoutTests {
    /// One training-mode forward and backward of a built dropout layer over `input`, all values 1 by default.
    func trainOnce(_ layer: Dropout, count: Int, input: [Float]? = nil, passes: Int = 1) throws
        -> (output: [Float], inputGradient: [Float], outputGradient: [Float]) {
        _ = try layer.build(inputShape: [count])
        let saved = AlignedBuffer(count: layer.memory(capacity: 1, training: true).saved)
        layer.prepare(capacity: 1, saved: saved.baseAddress)
        let workspace = AlignedBuffer(count: 1)
        let context = LayerContext(pool: .serial, training: true, workspace: workspace.baseAddress)
        let x = input ?? [Float](repeating: 1, count: count)
        var y = [Float](repeating: .nan, count: count)
        var generator = SeededGenerator(seed: 11)
        var dY = (0..<count).map { _ in generator.nextFloat(in: -1...1) }
        let outputGradient = dY
        var dX = [Float](repeating: .nan, count: count)
        withExtendedLifetime((saved, workspace)) {
            for _ in 0..<passes {
                x.withUnsafeBufferPointer { xp in
                    y.withUnsafeMutableBufferPointer { layer.forward(xp.baseAddress!, $0.baseAddress!, batchSize: 1, context: context) }
                }
            }
            dY.withUnsafeMutableBufferPointer { dy in
                dX.withUnsafeMutableBufferPointer { dx in
                    layer.backward(input: nil, output: nil, outputGradient: dy.baseAddress!, inputGradient: dx.baseAddress!,
                                   batchSize: 1, context: context)
                }
            }
        }
        return (y, dX, outputGradient)
    }

    @Test func inferenceIsTheIdentity() throws {
        let input: [Float] = [1, -2, 3, 0.5, 7]
        let y = try runLayer(Dropout(rate: 0.5), inputShape: [5], input: input, training: false)
        #expect(y == input)
    }

    @Test func trainingZeroesAboutRateOfValuesAndScalesTheRest() throws {
        let n = 10_000
        let rate: Float = 0.25
        let (y, _, _) = try trainOnce(Dropout(rate: rate, seed: 3), count: n)
        let zeros = y.filter { $0 == 0 }.count
        // Binomial(n, p): mean 2500, standard deviation √(n p (1 − p)) ≈ 43; allow four of them.
        #expect(abs(zeros - 2500) < 175)
        #expect(y.allSatisfy { $0 == 0 || $0 == 1 / (1 - rate) })
    }

    @Test func theSameSeedGivesTheSameMask() throws {
        let a = try trainOnce(Dropout(rate: 0.5, seed: 42), count: 256).output
        let b = try trainOnce(Dropout(rate: 0.5, seed: 42), count: 256).output
        let c = try trainOnce(Dropout(rate: 0.5, seed: 43), count: 256).output
        #expect(a == b)
        #expect(a != c)
    }

    @Test func everyTrainingForwardDrawsANewMask() throws {
        let once = try trainOnce(Dropout(rate: 0.5, seed: 42), count: 256, passes: 1).output
        let twice = try trainOnce(Dropout(rate: 0.5, seed: 42), count: 256, passes: 2).output
        #expect(once != twice)
    }

    @Test func backwardAppliesTheForwardMask() throws {
        let (y, dX, dY) = try trainOnce(Dropout(rate: 0.4, seed: 9), count: 300)
        // Input is all ones, so the output is the mask itself: dx must be dy ⊙ mask exactly.
        for i in y.indices { #expect(dX[i] == dY[i] * y[i]) }
    }

    @Test func zeroRateBackwardMatchesFiniteDifferences() throws {
        // With a random mask the forward differs between calls; at rate 0 it is fixed, and the check
        // exercises the training path end to end.
        try checkGradients(Dropout(rate: 0, name: "drop"), inputShape: [9])
    }

    @Test func rateOutsideZeroToOneIsRejected() {
        for rate: Float in [1, -0.1, .nan] {
            #expect(throws: ModelError.self) { try Dropout(rate: rate, name: "drop").build(inputShape: [4]) }
        }
        #expect(throws: ModelError.invalidConfiguration(layer: "drop", reason: "dropout rate must be in [0, 1), got 1.0")) {
            try Dropout(rate: 1, name: "drop").build(inputShape: [4])
        }
    }
}
