import SwiftletTensor

/// The mean training loss and accuracy of one epoch of ``Sequential/fit(features:labels:epochs:batchSize:optimizer:generator:)``.
public struct EpochResult: Sendable, Equatable {
    /// The epoch, counting from 0.
    public var epoch: Int
    /// The mean softmax cross-entropy over every sample of the epoch, each batch weighted by its size.
    public var loss: Float
    /// The fraction of samples whose argmax output matched the label, read from the training forward pass
    /// (before that batch's update), as Keras reports it.
    public var accuracy: Float
}

extension Sequential {
    /// Trains a classifier with softmax cross-entropy for `epochs` passes over a labelled set.
    ///
    /// Each epoch visits the samples in a new order drawn from `generator` (Fisher–Yates), in batches of
    /// `batchSize`, the last one partial when the count is not a multiple. Samples are gathered into one
    /// batch buffer allocated before the first epoch, so the loop itself allocates nothing. The same model,
    /// data and seed give bit-identical parameters whatever the ``pool``'s thread count.
    ///
    /// - Parameters:
    ///   - features: `labels.count × inputSize` values, sample outermost.
    ///   - labels: class indices in `0..<outputSize`.
    /// - Returns: one ``EpochResult`` per epoch.
    /// - Throws: ``ModelError/inputSizeMismatch(expected:actual:)``, ``ModelError/invalidBatchSize(_:)``,
    ///   ``ModelError/labelOutOfRange(sample:label:classes:)`` or ``ModelError/nonFiniteInput(sample:index:)``
    ///   naming the sample's index in `features` (checked before any update), or a training error
    ///   (non-finite loss or gradient) from the step that failed, after which earlier updates remain.
    @discardableResult
    public func fit(
        features: [Float], labels: [Int32], epochs: Int, batchSize: Int,
        optimizer: some Optimizer, generator: inout SeededGenerator
    ) throws(ModelError) -> [EpochResult] {
        let count = labels.count
        let sampleSize = inputSize
        guard features.count == count * sampleSize else {
            throw .inputSizeMismatch(expected: count * sampleSize, actual: features.count)
        }
        guard batchSize > 0 else { throw .invalidBatchSize(batchSize) }
        guard epochs > 0, count > 0 else { return [] }
        let loss = SoftmaxCrossEntropy()
        try labels.withUnsafeBufferPointer { (y) throws(ModelError) in
            try loss.validate(targets: y, batchSize: count, outputSize: outputSize)
        }
        try features.withUnsafeBufferPointer { (x) throws(ModelError) in try checkInput(x, batchSize: count) }

        let capacity = min(batchSize, count)
        let batchFeatures = AlignedBuffer(count: capacity * sampleSize)
        var batchLabels = [Int32](repeating: 0, count: capacity)
        var order = Array(0..<count)
        var results: [EpochResult] = []
        results.reserveCapacity(epochs)
        let classes = outputSize
        for epoch in 0..<epochs {
            Self.shuffle(&order, generator: &generator)
            var totalLoss = 0.0
            var correct = 0
            var start = 0
            while start < count {
                let size = min(capacity, count - start)
                features.withUnsafeBufferPointer { x in
                    for s in 0..<size {
                        (batchFeatures.baseAddress + s * sampleSize)
                            .update(from: x.baseAddress! + order[start + s] * sampleSize, count: sampleSize)
                        batchLabels[s] = labels[order[start + s]]
                    }
                }
                let input = UnsafeBufferPointer(start: UnsafePointer(batchFeatures.baseAddress), count: size * sampleSize)
                let value = try batchLabels.withUnsafeBufferPointer { (y) throws(ModelError) in
                    try trainStep(input: input, targets: UnsafeBufferPointer(rebasing: y[0..<size]), batchSize: size,
                                  loss: loss, optimizer: optimizer)
                }
                totalLoss += Double(value) * Double(size)
                // The forward output of this step is still in the plan's last activation buffer.
                if let output = plan?.activations[layers.count] {
                    for s in 0..<size {
                        let row = output + s * classes
                        var best = 0
                        for j in 1..<classes where row[j] > row[best] { best = j }
                        if best == Int(batchLabels[s]) { correct += 1 }
                    }
                }
                start += size
            }
            results.append(EpochResult(epoch: epoch, loss: Float(totalLoss / Double(count)),
                                       accuracy: Float(correct) / Float(count)))
        }
        return results
    }

    /// Fisher–Yates over sample indices: the same permutation as ``SeededGenerator/shuffle(_:)`` draws, but
    /// specialised to `Int`, because the generic version, called across modules, allocates on every swap.
    static func shuffle(_ order: inout [Int], generator: inout SeededGenerator) {
        order.withUnsafeMutableBufferPointer { buffer in
            guard buffer.count > 1 else { return }
            for i in stride(from: buffer.count - 1, to: 0, by: -1) {
                let j = generator.nextInt(below: i + 1)
                if i != j { buffer.swapAt(i, j) }
            }
        }
    }
}
