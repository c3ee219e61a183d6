extension Partitioner {
    /// The natural split: one client per distinct id (speaker, writer, subject), holding that id's samples.
    ///
    /// Clients are ordered by the first appearance of their id in `ids`; each client's indices are ascending.
    /// There is no randomness: the data decides the split.
    ///
    /// - Throws: ``PartitionError/tooFewSamples(samples:pieces:)`` when `ids` is empty.
    public static func naturalID<ID: Hashable>(ids: [ID]) throws(PartitionError) -> [[Int]] {
        guard !ids.isEmpty else { throw .tooFewSamples(samples: 0, pieces: 1) }
        var clientOf: [ID: Int] = [:]
        var parts: [[Int]] = []
        for (index, id) in ids.enumerated() {
            if let client = clientOf[id] {
                parts[client].append(index)
            } else {
                clientOf[id] = parts.count
                parts.append([index])
            }
        }
        return parts
    }
}
