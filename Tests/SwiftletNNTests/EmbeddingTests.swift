import Testing
import SwiftletTensor
@testable import SwiftletNN

@Suite struct EmbeddingTests {
    @Test func forwardLooksUpTheRowOfEachToken() throws {
        // Vocabulary 3 × 2: row k is [10k, 10k + 1].
        let y = try runLayer(Embedding(vocabularySize: 3, dimensions: 2), inputShape: [4], input: [2, 0, 1, 2],
                             parameters: [0, 1, 10, 11, 20, 21])
        #expect(y == [20, 21, 0, 1, 10, 11, 20, 21])
    }

    @Test func outputShapeAppendsTheDimensions() throws {
        #expect(try Embedding(vocabularySize: 80, dimensions: 8).build(inputShape: [80]) == [80, 8])
    }

    @Test func weightBackwardMatchesFiniteDifferences() throws {
        // Tokens repeat within and across samples so accumulation into one row is checked.
        let tokens: [Float] = [0, 1, 1, 4, 4, 2, 0, 0, 3, 4, 1, 2]
        try checkGradients(Embedding(vocabularySize: 5, dimensions: 3, name: "embed"), inputShape: [4],
                           input: tokens, checkInput: false)
    }

    @Test func repeatedTokensSumTheirGradients() throws {
        let layer = Embedding(vocabularySize: 3, dimensions: 2, name: "embed")
        _ = try layer.build(inputShape: [3])
        let parameters = AlignedBuffer(count: 6)
        let gradients = AlignedBuffer(count: 6)
        layer.bind(parameters: parameters.baseAddress, gradients: [gradients.baseAddress])
        let workspace = AlignedBuffer(count: 1)
        let context = LayerContext(pool: .serial, training: true, workspace: workspace.baseAddress)
        let tokens: [Float] = [2, 0, 2]
        var dY: [Float] = [1, 2, 3, 4, 5, 6]
        withExtendedLifetime((parameters, workspace)) {
            tokens.withUnsafeBufferPointer { x in
                dY.withUnsafeMutableBufferPointer { dy in
                    layer.backward(input: x.baseAddress!, output: nil, outputGradient: dy.baseAddress!, inputGradient: nil,
                                   batchSize: 1, context: context)
                }
            }
        }
        // Row 0 gets position 1's gradient, row 1 nothing, row 2 positions 0 and 2: [1 + 5, 2 + 6].
        #expect(Array(gradients.buffer) == [3, 4, 0, 0, 6, 8])
    }

    @Test func initialWeightsAreStandardNormal() throws {
        let model = try Sequential(inputShape: [1], layers: [Embedding(vocabularySize: 100, dimensions: 50)], seed: 5)
        let values = model.parameterVector
        let mean = values.reduce(0, +) / Float(values.count)
        let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Float(values.count)
        // 5000 samples: standard error of the mean ≈ 0.014, of the variance ≈ 0.02.
        #expect(abs(mean) < 0.06)
        #expect(abs(variance - 1) < 0.08)
    }

    func validationError(_ tokens: [Float]) throws -> ModelError? {
        let model = try Sequential(inputShape: [3], layers: [Embedding(vocabularySize: 80, dimensions: 8, name: "embed"),
                                                             Flatten(), Dense(2)])
        do {
            _ = try tokens.withUnsafeBufferPointer { try model.forward($0, batchSize: 2) }
            return nil
        } catch {
            return error as? ModelError
        }
    }

    @Test func indexEqualToTheVocabularySizeIsRejectedNamingLayerAndSample() throws {
        let error = try validationError([0, 1, 2, 79, 80, 3])
        #expect(error == .invalidInput(layer: "embed", sample: 1, reason: "token index 80 at position 1 is outside 0..<80"))
    }

    @Test func nonIntegerIndexIsRejectedNamingLayerAndSample() throws {
        let error = try validationError([1.5, 1, 2, 3, 4, 5])
        #expect(error == .invalidInput(layer: "embed", sample: 0, reason: "token index 1.5 at position 0 is not an integer"))
    }

    @Test func negativeIndexIsRejected() throws {
        let error = try validationError([1, 2, 3, 4, 5, -1])
        #expect(error == .invalidInput(layer: "embed", sample: 1, reason: "token index -1 at position 2 is outside 0..<80"))
    }

    @Test func hugeIndexIsRejectedWithoutOverflowingInt() throws {
        let error = try validationError([1, 2, 3, 1e30, 5, 6])
        #expect(error == .invalidInput(layer: "embed", sample: 1, reason: "token index 1e+30 at position 0 is outside 0..<80"))
    }

    @Test func validIndicesPassValidation() throws {
        #expect(try validationError([0, 1, 2, 79, 78, 3]) == nil)
    }

    @Test func emptyVocabularyIsRejected() {
        #expect(throws: ModelError.self) { try Embedding(vocabularySize: 0, dimensions: 4).build(inputShape: [3]) }
        #expect(throws: ModelError.self) { try Embedding(vocabularySize: 4, dimensions: 0).build(inputShape: [3]) }
    }
}
