import SwiftletTensor

/// Inverted dropout: in training each value is zeroed with probability `rate` and the survivors are scaled
/// by 1/(1 − rate), so inference is the identity (Srivastava et al., "Dropout: A Simple Way to Prevent
/// Neural Networks from Overfitting", JMLR 2014).
///
/// The mask comes from the layer's own ``SeededGenerator``, seeded from `seed` and advanced by every
/// training forward pass, so a run is reproducible. The mask (0 or 1/(1 − rate) per value) is kept in the
/// layer's saved buffer and the backward pass multiplies the gradient by it; it reads no activations.
public final class Dropout: Layer {
    public var name: String
    /// The probability of zeroing each value, in [0, 1).
    public let rate: Float
    /// The seed the mask generator starts from.
    public let seed: UInt64
    private var generator: SeededGenerator
    private var size = 0
    private var mask: UnsafeMutablePointer<Float>?

    /// Creates the layer; `rate` must be in [0, 1) (checked when the model is built).
    public init(rate: Float, seed: UInt64 = 0, name: String = "dropout") {
        self.rate = rate
        self.seed = seed
        self.name = name
        generator = SeededGenerator(seed: seed)
    }

    public var summary: String { "Dropout(\(rate))" }

    public func build(inputShape: [Int]) throws(ModelError) -> [Int] {
        guard rate >= 0 && rate < 1 else {
            throw .invalidConfiguration(layer: name, reason: "dropout rate must be in [0, 1), got \(rate)")
        }
        size = inputShape.reduce(1, *)
        return inputShape
    }

    public func backwardNeeds(inputGradient: Bool) -> BackwardNeeds { .none }

    public func memory(capacity: Int, training: Bool) -> LayerMemory {
        LayerMemory(saved: training ? capacity * size : 0)
    }

    public func prepare(capacity: Int, saved: UnsafeMutablePointer<Float>?) {
        mask = saved
    }

    public func forward(_ input: UnsafePointer<Float>, _ output: UnsafeMutablePointer<Float>, batchSize: Int, context: LayerContext) {
        let count = batchSize * size
        guard context.training else {
            if UnsafePointer(output) != input { output.update(from: input, count: count) }
            return
        }
        let scale = 1 / (1 - rate)
        // Compare 24-bit integers rather than floats: keep when u ≥ rate, u uniform on [0, 1).
        let threshold = UInt64((rate * 16_777_216).rounded(.up))
        for i in 0..<count {
            let m: Float = (generator.next() >> 40) >= threshold ? scale : 0
            output[i] = input[i] * m
            mask?[i] = m
        }
    }

    public func backward(
        input: UnsafePointer<Float>?, output: UnsafePointer<Float>?,
        outputGradient: UnsafeMutablePointer<Float>, inputGradient: UnsafeMutablePointer<Float>?,
        batchSize: Int, context: LayerContext
    ) {
        guard let inputGradient, let mask else { return }
        for i in 0..<batchSize * size { inputGradient[i] = outputGradient[i] * mask[i] }
    }
}

extension Dropout {
    /// The training pass: forward draws one random number and multiplies once per value, writing the output
    /// and the mask; the input gradient multiplies the gradient by the mask. (At inference dropout is a copy.)
    public func cost(batchSize: Int) -> LayerCost {
        let count = batchSize * size
        return LayerCost(
            forward: .floats(flops: 2 * count, read: count, written: 2 * count),
            inputGradient: .floats(flops: count, read: 2 * count, written: count))
    }
}
