import Synchronization
import Testing
@testable import SwiftletTensor

@Suite struct ComputePoolTests {
    /// Records the chunks a pool hands out (thread-safe, since chunks may run concurrently).
    final class Chunks: Sendable {
        let ranges = Mutex<[Range<Int>]>([])
        func add(_ range: Range<Int>) { ranges.withLock { $0.append(range) } }
        var sorted: [Range<Int>] { ranges.withLock { $0.sorted { $0.lowerBound < $1.lowerBound } } }
    }

    @Test func cheapWorkRunsInlineAsOneChunk() {
        let chunks = Chunks()
        ComputePool(threads: 2).parallelChunks(64, workPerItem: 100) { _, range in chunks.add(range) }
        #expect(chunks.sorted == [0..<64])
    }

    @Test func expensiveWorkIsSplitIntoAlignedChunksCoveringTheRange() {
        let chunks = Chunks()
        ComputePool(threads: 2).parallelChunks(100, alignment: 8, workPerItem: 1 << 16) { _, range in chunks.add(range) }
        #expect(chunks.sorted == [0..<48, 48..<100])
    }

    @Test func workWithoutAnEstimateIsSplitAsBefore() {
        let chunks = Chunks()
        ComputePool(threads: 3).parallelChunks(9) { _, range in chunks.add(range) }
        #expect(chunks.sorted == [0..<3, 3..<6, 6..<9])
    }

    @Test func serialPoolCallsInlineWithTheWholeRange() {
        let chunks = Chunks()
        ComputePool.serial.parallelChunks(10) { part, range in
            #expect(part == 0)
            chunks.add(range)
        }
        #expect(chunks.sorted == [0..<10])
    }
}
