/// What a partition gives each client: its size and its label histogram, with summary statistics.
///
/// Use it to check that a split is as skewed (or as balanced) as intended before a run, and to print beside
/// results (``table(maxClients:)``).
public struct PartitionReport: Sendable, Equatable {
    /// Samples per client.
    public let sizes: [Int]
    /// Per client, the number of its samples in each class (`classCount` entries).
    public let labelHistograms: [[Int]]
    /// The number of classes.
    public let classCount: Int

    /// Counts sizes and labels of `partition` (sample indices per client) over `labels`.
    ///
    /// - Throws: ``PartitionError`` when an index is outside `labels` or a label outside `0..<classCount`.
    public init(partition: [[Int]], labels: [Int32], classCount: Int) throws(PartitionError) {
        var histograms: [[Int]] = []
        histograms.reserveCapacity(partition.count)
        for (client, indices) in partition.enumerated() {
            var histogram = [Int](repeating: 0, count: classCount)
            for index in indices {
                guard index >= 0, index < labels.count else {
                    throw .sampleIndexOutOfRange(client: client, index: index, samples: labels.count)
                }
                let label = Int(labels[index])
                guard label >= 0, label < classCount else {
                    throw .labelOutOfRange(sample: index, label: label, classes: classCount)
                }
                histogram[label] += 1
            }
            histograms.append(histogram)
        }
        sizes = partition.map(\.count)
        labelHistograms = histograms
        self.classCount = classCount
    }

    /// The number of clients.
    public var clientCount: Int { sizes.count }
    /// The number of samples over all clients.
    public var totalSamples: Int { sizes.reduce(0, +) }
    /// The smallest client size (0 with no clients).
    public var minimumSize: Int { sizes.min() ?? 0 }
    /// The largest client size (0 with no clients).
    public var maximumSize: Int { sizes.max() ?? 0 }
    /// The median client size: the middle size, or the mean of the two middle sizes for an even count.
    public var medianSize: Double {
        guard !sizes.isEmpty else { return 0 }
        let sorted = sizes.sorted(), middle = sorted.count / 2
        return sorted.count % 2 == 1 ? Double(sorted[middle]) : Double(sorted[middle - 1] + sorted[middle]) / 2
    }
    /// The number of classes present in each client's data.
    public var distinctLabels: [Int] { labelHistograms.map { $0.lazy.filter { $0 > 0 }.count } }
    /// The mean over clients of the number of classes each holds (0 with no clients).
    public var meanDistinctLabels: Double {
        sizes.isEmpty ? 0 : Double(distinctLabels.reduce(0, +)) / Double(sizes.count)
    }
}
