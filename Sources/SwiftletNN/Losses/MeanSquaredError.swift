/// Mean squared error against real-valued targets of the output's shape.
///
/// Loss: `Σ (output − target)² / (batchSize · outputSize)` — PyTorch's `MSELoss(reduction="mean")`.
public struct MeanSquaredError: Loss, Sendable {
    /// Creates the loss.
    public init() {}

    public func validate(targets: UnsafeBufferPointer<Float>, batchSize: Int, outputSize: Int) throws(ModelError) {
        guard targets.count == batchSize * outputSize else {
            throw .targetSizeMismatch(expected: batchSize * outputSize, actual: targets.count)
        }
        if let bad = targets.firstIndex(where: { !$0.isFinite }) { throw .nonFiniteTarget(sample: bad / outputSize) }
    }

    public func compute(
        output: UnsafePointer<Float>, targets: UnsafeBufferPointer<Float>, batchSize: Int, outputSize: Int,
        gradient: UnsafeMutablePointer<Float>?
    ) -> Float {
        let count = batchSize * outputSize
        let scale = 1 / Float(count)
        var total: Float = 0
        for i in 0..<count {
            let diff = output[i] - targets[i]
            total += diff * diff
            gradient?[i] = 2 * diff * scale
        }
        return total * scale
    }
}
