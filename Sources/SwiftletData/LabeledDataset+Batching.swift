import SwiftletTensor

extension LabeledDataset {
    /// Sample indices for one epoch of mini-batches, in an order shuffled by `generator`.
    ///
    /// Every sample appears exactly once; batches hold `batchSize` indices except possibly the last, which
    /// is dropped when `dropLast` is set (for trainers that need a fixed batch size). The order depends
    /// only on the generator's state, so a seed fixes the whole epoch.
    public func batchIndices(batchSize: Int, generator: inout SeededGenerator,
                             dropLast: Bool = false) throws(DatasetError) -> [[Int]] {
        guard batchSize > 0 else { throw .invalidBatchSize(batchSize) }
        var order = Array(0..<count)
        generator.shuffle(&order)
        var batches: [[Int]] = []
        batches.reserveCapacity(count / batchSize + 1)
        var start = 0
        while start < count {
            let end = min(start + batchSize, count)
            if dropLast && end - start < batchSize { break }
            batches.append(Array(order[start..<end]))
            start = end
        }
        return batches
    }

    /// Copies the samples at `indices` into caller-owned buffers, for training loops that reuse one batch
    /// buffer and must not allocate per step.
    ///
    /// - Throws: ``DatasetError/sampleIndexOutOfRange(index:count:)`` or
    ///   ``DatasetError/bufferSizeMismatch(expected:actual:)`` (the buffers must hold exactly the batch).
    public func gather(_ indices: some Collection<Int>, features destination: UnsafeMutableBufferPointer<Float>,
                       labels labelDestination: UnsafeMutableBufferPointer<Int32>) throws(DatasetError) {
        let sampleSize = self.sampleSize
        guard destination.count == indices.count * sampleSize else {
            throw .bufferSizeMismatch(expected: indices.count * sampleSize, actual: destination.count)
        }
        guard labelDestination.count == indices.count else {
            throw .bufferSizeMismatch(expected: indices.count, actual: labelDestination.count)
        }
        try features.withUnsafeBufferPointer { (source) throws(DatasetError) in
            for (row, index) in indices.enumerated() {
                guard index >= 0 && index < count else { throw .sampleIndexOutOfRange(index: index, count: count) }
                (destination.baseAddress! + row * sampleSize)
                    .update(from: source.baseAddress! + index * sampleSize, count: sampleSize)
                labelDestination[row] = labels[index]
            }
        }
    }
}
