import SwiftletTensor

/// A lookup table from token indices to learned vectors: PyTorch's `nn.Embedding(vocabularySize, dimensions)`.
///
/// Input samples hold token indices stored as `Float` (any shape, typically a sequence `[T]`); the output
/// appends the vector dimension (`[T]` → `[T, D]`). The weight `[V, D]` is initialised from N(0, 1) as in
/// PyTorch. As a first layer its input is checked by ``validate(input:batchSize:)``; elsewhere an
/// out-of-range index is clamped rather than read out of bounds. The backward pass adds each output
/// gradient row to its token's weight row in sample order, so repeated tokens sum deterministically;
/// indices have no gradient, so an input gradient, if asked for, is zero.
public final class Embedding: Layer {
    public var name: String
    /// The number of distinct tokens V.
    public let vocabularySize: Int
    /// The length D of each token's vector.
    public let dimensions: Int
    private var tokensPerSample = 0
    private var weight = UnsafeMutablePointer<Float>(bitPattern: 64)!
    private var weightGradient: UnsafeMutablePointer<Float>?

    /// Creates an embedding of `vocabularySize` tokens into `dimensions`-long vectors.
    public init(vocabularySize: Int, dimensions: Int, name: String = "embedding") {
        self.vocabularySize = vocabularySize
        self.dimensions = dimensions
        self.name = name
    }

    public var summary: String { "Embedding(\(vocabularySize) × \(dimensions))" }

    public func build(inputShape: [Int]) throws(ModelError) -> [Int] {
        guard vocabularySize > 0, dimensions > 0 else {
            throw .invalidConfiguration(layer: name, reason: "vocabulary size and dimensions must be positive, got \(vocabularySize) × \(dimensions)")
        }
        guard vocabularySize <= 1 << 24 else {
            throw .invalidConfiguration(layer: name, reason: "vocabulary size \(vocabularySize) exceeds 2^24, the largest exactly representable in Float indices")
        }
        tokensPerSample = inputShape.reduce(1, *)
        guard tokensPerSample > 0 else {
            throw .shapeMismatch(layer: name, expected: "a non-empty sequence of token indices", actual: inputShape)
        }
        return inputShape + [dimensions]
    }

    public var parameterSpecs: [ParameterSpec] {
        [ParameterSpec(name: "weight", shape: [vocabularySize, dimensions], role: .embedding)]
    }

    public func initializeParameters(_ parameters: UnsafeMutableBufferPointer<Float>, generator: inout SeededGenerator) {
        for i in parameters.indices { parameters[i] = generator.nextNormal() }
    }

    public func bind(parameters: UnsafeMutablePointer<Float>, gradients: [UnsafeMutablePointer<Float>?]) {
        weight = parameters
        weightGradient = gradients[0]
    }

    public func backwardNeeds(inputGradient: Bool) -> BackwardNeeds {
        BackwardNeeds(input: weightGradient != nil, output: false)
    }

    public func validate(input: UnsafePointer<Float>, batchSize: Int) throws(ModelError) {
        for i in 0..<(batchSize * tokensPerSample) {
            let value = input[i]
            let sample = i / tokensPerSample, position = i % tokensPerSample
            guard value == value.rounded(.towardZero) else {
                throw .invalidInput(layer: name, sample: sample, reason: "token index \(value) at position \(position) is not an integer")
            }
            guard value >= 0 && value < Float(vocabularySize) else {
                // Integral here, but possibly beyond Int's range (1e30): only convert what fits.
                let shown = abs(value) < 1e15 ? "\(Int(value))" : "\(value)"
                throw .invalidInput(layer: name, sample: sample,
                                    reason: "token index \(shown) at position \(position) is outside 0..<\(vocabularySize)")
            }
        }
    }

    /// The row of `value`, clamped into the vocabulary (validation rejects bad indices before this matters).
    @inline(__always)
    private func row(_ value: Float) -> Int {
        value >= 0 ? Swift.min(Int(value < 16_777_216 ? value : 16_777_216), vocabularySize - 1) : 0
    }

    public func forward(_ input: UnsafePointer<Float>, _ output: UnsafeMutablePointer<Float>, batchSize: Int, context: LayerContext) {
        for i in 0..<(batchSize * tokensPerSample) {
            (output + i * dimensions).update(from: weight + row(input[i]) * dimensions, count: dimensions)
        }
    }

    public func backward(
        input: UnsafePointer<Float>?, output: UnsafePointer<Float>?,
        outputGradient: UnsafeMutablePointer<Float>, inputGradient: UnsafeMutablePointer<Float>?,
        batchSize: Int, context: LayerContext
    ) {
        inputGradient?.update(repeating: 0, count: batchSize * tokensPerSample)
        guard let weightGradient, let input else { return }
        weightGradient.update(repeating: 0, count: vocabularySize * dimensions)
        for i in 0..<(batchSize * tokensPerSample) {
            Kernels.axpy(dimensions, 1, outputGradient + i * dimensions, weightGradient + row(input[i]) * dimensions)
        }
    }
}

extension Embedding {
    /// Forward gathers one `D`-row per token (no arithmetic). Token indices carry no gradient, so the input
    /// gradient is truly free; the weight gradient is cleared (`V·D` writes) and each token's output gradient
    /// is added to its row (`D` FLOPs per token).
    public func cost(batchSize: Int) -> LayerCost {
        let tokens = batchSize * tokensPerSample
        return LayerCost(
            forward: .floats(flops: 0, read: tokens + tokens * dimensions, written: tokens * dimensions),
            parameterGradient: .floats(flops: tokens * dimensions, read: tokens + tokens * dimensions,
                                       written: vocabularySize * dimensions))
    }
}
