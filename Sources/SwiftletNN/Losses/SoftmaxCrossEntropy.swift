import SwiftletTensor

/// Softmax followed by cross-entropy against integer class labels, fused for numerical stability.
///
/// Loss per sample: `logsumexp(z) − z[y]`; gradient: `(softmax(z) − onehot(y)) / batchSize`.
public struct SoftmaxCrossEntropy: Loss, Sendable {
    /// Creates the loss.
    public init() {}

    public func validate(targets: UnsafeBufferPointer<Int32>, batchSize: Int, outputSize: Int) throws(ModelError) {
        guard targets.count == batchSize else { throw .targetSizeMismatch(expected: batchSize, actual: targets.count) }
        for (sample, label) in targets.enumerated() where label < 0 || Int(label) >= outputSize {
            throw .labelOutOfRange(sample: sample, label: Int(label), classes: outputSize)
        }
    }

    public func compute(
        output: UnsafePointer<Float>, targets: UnsafeBufferPointer<Int32>, batchSize: Int, outputSize: Int,
        gradient: UnsafeMutablePointer<Float>?
    ) -> Float {
        var total: Float = 0
        let scale = 1 / Float(batchSize)
        for s in 0..<batchSize {
            let row = output + s * outputSize
            let label = Int(targets[s])
            var maxValue = row[0]
            for j in 1..<outputSize { maxValue = Swift.max(maxValue, row[j]) }
            var sum: Float = 0
            if let gradient {
                // Keep each exponential in the gradient row rather than computing it twice.
                let g = gradient + s * outputSize
                for j in 0..<outputSize {
                    let e = Kernels.exp(row[j] - maxValue)
                    g[j] = e
                    sum += e
                }
                let inverse = 1 / sum
                for j in 0..<outputSize { g[j] = g[j] * inverse * scale }
                g[label] -= scale
            } else {
                for j in 0..<outputSize { sum += Kernels.exp(row[j] - maxValue) }
            }
            // log Σe^(z−max) + (max − z[y]): the difference is taken before adding the small log term, so
            // large logits lose no precision to rounding at their magnitude.
            total += Kernels.log(sum) + (maxValue - row[label])
        }
        return total * scale
    }
}
