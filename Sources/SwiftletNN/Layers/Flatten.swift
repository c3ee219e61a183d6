/// Flattens each sample to one dimension (`[C, H, W]` → `[C·H·W]`); the data is already contiguous.
public final class Flatten: Layer {
    public var name: String
    private var size = 0

    /// Creates the layer.
    public init(name: String = "flatten") { self.name = name }

    public var summary: String { "Flatten(\(size))" }

    public func build(inputShape: [Int]) throws(ModelError) -> [Int] {
        size = inputShape.reduce(1, *)
        return [size]
    }

    public func backwardNeeds(inputGradient: Bool) -> BackwardNeeds { .none }

    public func forward(_ input: UnsafePointer<Float>, _ output: UnsafeMutablePointer<Float>, batchSize: Int, context: LayerContext) {
        if UnsafePointer(output) != input { output.update(from: input, count: batchSize * size) }
    }

    public func backward(
        input: UnsafePointer<Float>?, output: UnsafePointer<Float>?,
        outputGradient: UnsafeMutablePointer<Float>, inputGradient: UnsafeMutablePointer<Float>?,
        batchSize: Int, context: LayerContext
    ) {
        inputGradient?.update(from: outputGradient, count: batchSize * size)
    }
}

extension Flatten {
    /// No arithmetic, but a copy each way between the model's activation buffers.
    public func cost(batchSize: Int) -> LayerCost {
        let count = batchSize * size
        return LayerCost(
            forward: .floats(flops: 0, read: count, written: count),
            inputGradient: .floats(flops: 0, read: count, written: count))
    }
}
