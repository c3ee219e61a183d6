import Testing
import SwiftletTensor
@testable import SwiftletNN
import CAllocationCounter

@Suite struct SequenceModelTests {
    /// Random token sequences labelled with their first token, which an LSTM must carry to the end.
    func firstTokenTask(count: Int, length: Int, vocabulary: Int, seed: UInt64) -> (tokens: [Float], labels: [Int32]) {
        var generator = SeededGenerator(seed: seed)
        var tokens: [Float] = []
        var labels: [Int32] = []
        for _ in 0..<count {
            let sequence = (0..<length).map { _ in generator.nextInt(below: vocabulary) }
            tokens += sequence.map(Float.init)
            labels.append(Int32(sequence[0]))
        }
        return (tokens, labels)
    }

    @Test func modelWithEveryNewLayerTrainsAStepWithoutAllocating() throws {
        #expect(swiftlet_allocations_supported() == 1)
        let model = try Sequential(inputShape: [5], layers: [
            Embedding(vocabularySize: 20, dimensions: 4, name: "embed"),
            LSTM(hiddenSize: 8, name: "lstm1"),
            LayerNorm(name: "ln"),
            Dropout(rate: 0.2, seed: 1, name: "drop"),
            LSTM(hiddenSize: 12, returnSequences: false, name: "lstm2"),
            GroupNorm(groups: 3, name: "gn"),
            Tanh(name: "tanh"), Sigmoid(name: "sigmoid"), ReLU6(name: "relu6"),
            Dense(3, name: "fc"),
        ], seed: 1)
        let data = firstTokenTask(count: 4, length: 5, vocabulary: 3, seed: 2)
        let optimizer = SGD(learningRate: 0.1, momentum: 0.9)
        let loss = SoftmaxCrossEntropy()
        try data.tokens.withUnsafeBufferPointer { x in
            try data.labels.withUnsafeBufferPointer { y in
                try model.trainStep(input: x, targets: y, batchSize: 4, loss: loss, optimizer: optimizer)
                swiftlet_allocations_begin()
                for _ in 0..<5 { try model.trainStep(input: x, targets: y, batchSize: 4, loss: loss, optimizer: optimizer) }
                let allocations = swiftlet_allocations_end()
                #expect(allocations == 0)
            }
        }
    }

    @Test func stackedLSTMLearnsToRememberTheFirstToken() throws {
        let model = try Sequential(inputShape: [4], layers: [
            Embedding(vocabularySize: 4, dimensions: 4, name: "embed"),
            LSTM(hiddenSize: 16, name: "lstm1"),
            LSTM(hiddenSize: 16, returnSequences: false, name: "lstm2"),
            Dense(4, name: "fc"),
        ], seed: 3)
        let data = firstTokenTask(count: 64, length: 4, vocabulary: 4, seed: 4)
        let optimizer = SGD(learningRate: 0.5, momentum: 0.9)
        var first: Float = 0
        var last: Float = 0
        try data.tokens.withUnsafeBufferPointer { x in
            try data.labels.withUnsafeBufferPointer { y in
                for step in 0..<200 {
                    last = try model.trainStep(input: x, targets: y, batchSize: 64, loss: SoftmaxCrossEntropy(), optimizer: optimizer)
                    if step == 0 { first = last }
                }
            }
        }
        #expect(last < first * 0.2)
    }

    @Test func trainingIsBitIdenticalAcrossThreadCounts() throws {
        // Sizes chosen so the input projection, recurrent and gradient products exceed the pool's threshold
        // for splitting work (about 2^20 multiply–adds) and really run on several threads.
        func trainedParameters(threads: Int) throws -> [Float] {
            let model = try Sequential(inputShape: [8], layers: [
                Embedding(vocabularySize: 10, dimensions: 32, name: "embed"),
                LSTM(hiddenSize: 128, name: "lstm1"),
                LayerNorm(name: "ln"),
                LSTM(hiddenSize: 128, returnSequences: false, name: "lstm2"),
                Dense(10, name: "fc"),
            ], seed: 8, pool: ComputePool(threads: threads))
            let data = firstTokenTask(count: 16, length: 8, vocabulary: 10, seed: 9)
            let optimizer = SGD(learningRate: 0.1)
            try data.tokens.withUnsafeBufferPointer { x in
                try data.labels.withUnsafeBufferPointer { y in
                    for _ in 0..<2 {
                        try model.trainStep(input: x, targets: y, batchSize: 16, loss: SoftmaxCrossEntropy(), optimizer: optimizer)
                    }
                }
            }
            return model.parameterVector
        }
        let serial = try trainedParameters(threads: 1)
        let parallel = try trainedParameters(threads: 3)
        #expect(serial.map(\.bitPattern) == parallel.map(\.bitPattern))
    }

    @Test func biasOnlyTrainingUpdatesOnlyBiases() throws {
        // TinyTL-style masks leave LSTM and normalisation weights frozen: their backward paths must cope with
        // missing weight gradients (and LayerNorm with no input), and the frozen values must not move.
        let model = try Sequential(inputShape: [5], layers: [
            Embedding(vocabularySize: 6, dimensions: 4, name: "embed"),
            LSTM(hiddenSize: 6, name: "lstm"),
            LayerNorm(name: "ln"),
            LSTM(hiddenSize: 6, returnSequences: false, name: "lstm2"),
            GroupNorm(groups: 2, name: "gn"),
            Dense(3, name: "fc"),
        ], seed: 10)
        try model.applyMask(.biasesOnly)
        let before = model.parameterVector
        let data = firstTokenTask(count: 4, length: 5, vocabulary: 3, seed: 11)
        _ = try data.tokens.withUnsafeBufferPointer { x in
            try data.labels.withUnsafeBufferPointer { y in
                try model.trainStep(input: x, targets: y, batchSize: 4, loss: SoftmaxCrossEntropy(), optimizer: SGD(learningRate: 0.5))
            }
        }
        let after = model.parameterVector
        for i in before.indices {
            let (layer, tensor, _) = model.locate(parameterIndex: i)
            if tensor != "bias" { #expect(before[i] == after[i], "\(layer).\(tensor) moved") }
        }
        for name in ["lstm", "ln", "lstm2", "gn"] {
            let index = model.layers.firstIndex { $0.name == name }!
            let specs = model.layers[index].parameterSpecs
            let biasOffset = model.parameterOffsets[index] + specs.dropLast().reduce(0) { $0 + $1.count }
            #expect(before[biasOffset..<(biasOffset + specs.last!.count)] != after[biasOffset..<(biasOffset + specs.last!.count)],
                    "\(name).bias did not move")
        }
    }

    @Test func leafCharLSTMHasTheExpectedShapesAndParameterCount() throws {
        // LEAF Shakespeare: Embedding(80, 8) → LSTM(256) → LSTM(256, last step) → Dense(80), 80 characters.
        // Parameters by hand: 80·8 = 640; 1024·8 + 1024·256 + 1024 = 271,360; 1024·256·2 + 1024 = 525,312;
        // 256·80 + 80 = 20,560; total 817,872.
        let model = try Sequential(inputShape: [80], layers: [
            Embedding(vocabularySize: 80, dimensions: 8), LSTM(hiddenSize: 256, name: "lstm1"),
            LSTM(hiddenSize: 256, returnSequences: false, name: "lstm2"), Dense(80),
        ])
        #expect(model.shapes == [[80], [80, 8], [80, 256], [256], [80]])
        #expect(model.parameterCount == 817_872)
    }

    @Test func frozenLSTMStillRunsInferenceFromTheWorkspace() throws {
        // Trained layers keep their state in the saved buffer; a frozen one gets none and must use the workspace.
        let layers: [any Layer] = [LSTM(hiddenSize: 5, returnSequences: false, name: "lstm"), Dense(2, name: "fc")]
        let model = try Sequential(inputShape: [3, 2], layers: layers, seed: 6)
        let x: [Float] = [0.1, 0.2, -0.3, 0.4, 0.5, -0.6]
        let before = try x.withUnsafeBufferPointer { Array(try model.forward($0, batchSize: 1)) }
        try model.applyMask(.only(["fc"]))
        let after = try x.withUnsafeBufferPointer { Array(try model.forward($0, batchSize: 1)) }
        #expect(before == after)
    }
}
