import SwiftletTensor

/// Splits a dataset's sample indices across federated clients: the pure maths behind every simulated split.
///
/// Each function returns one array of sample indices per client; together they cover every sample exactly
/// once (shards drop nothing: shard sizes differ by at most one). Results depend only on the inputs and the
/// generator, so a seed fixes the split. The splits: ``iid(count:clients:generator:)``,
/// ``shards(labels:clients:shardsPerClient:generator:)``, Dirichlet label skew
/// (``dirichlet(labels:clients:alpha:minimumSize:maxAttempts:generator:)``), the natural split by speaker or writer
/// (``naturalID(ids:)``) and quantity skew (``quantitySkew(count:clients:distribution:generator:)``);
/// ``PartitionReport`` shows what any of them produced.
public enum Partitioner {
    /// Independent and identically distributed: a seeded shuffle dealt into `clients` contiguous parts whose
    /// sizes differ by at most one (the first `count % clients` parts get the extra sample).
    ///
    /// - Throws: ``PartitionError`` when `clients < 1` or there are fewer samples than clients.
    public static func iid(count: Int, clients: Int, generator: inout SeededGenerator) throws(PartitionError) -> [[Int]] {
        guard clients >= 1 else { throw .invalidClientCount(clients) }
        guard count >= clients else { throw .tooFewSamples(samples: count, pieces: clients) }
        var order = Array(0..<count)
        generator.shuffle(&order)
        return cut(order, into: clients)
    }

    /// McMahan et al.'s pathological non-IID split: sort by label, cut into `clients × shardsPerClient`
    /// shards, and give each client `shardsPerClient` shards drawn at random — so most clients see only
    /// two classes.
    ///
    /// McMahan et al., "Communication-Efficient Learning of Deep Networks from Decentralized Data",
    /// AISTATS 2017, §3 (200 shards of 300 for 100 clients on MNIST). The sort is stable (ties keep index
    /// order), so the split is fully fixed by the labels and the generator.
    ///
    /// - Throws: ``PartitionError`` when a count is not positive or there are fewer samples than shards.
    public static func shards(labels: [Int32], clients: Int, shardsPerClient: Int = 2,
                              generator: inout SeededGenerator) throws(PartitionError) -> [[Int]] {
        guard clients >= 1 else { throw .invalidClientCount(clients) }
        guard shardsPerClient >= 1 else { throw .invalidClientCount(shardsPerClient) }
        let (shardCount, overflow) = clients.multipliedReportingOverflow(by: shardsPerClient)
        guard !overflow, labels.count >= shardCount else {
            throw .tooFewSamples(samples: labels.count, pieces: overflow ? Int.max : shardCount)
        }
        let sorted = labels.indices.sorted { (labels[$0], $0) < (labels[$1], $1) }
        let pieces = cut(sorted, into: shardCount)
        var shardOrder = Array(0..<shardCount)
        generator.shuffle(&shardOrder)
        return (0..<clients).map { client in
            (0..<shardsPerClient).flatMap { pieces[shardOrder[client * shardsPerClient + $0]] }
        }
    }

    /// Cuts `items` into `parts` contiguous runs whose sizes differ by at most one.
    static func cut(_ items: [Int], into parts: Int) -> [[Int]] {
        let base = items.count / parts
        let extra = items.count % parts
        var result: [[Int]] = []
        result.reserveCapacity(parts)
        var start = 0
        for part in 0..<parts {
            let size = base + (part < extra ? 1 : 0)
            result.append(Array(items[start..<(start + size)]))
            start += size
        }
        return result
    }
}
