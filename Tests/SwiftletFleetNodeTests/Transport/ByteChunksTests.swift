import NIOCore
import Testing
@testable import SwiftletFleetNode

@Suite struct ByteChunksTests {
    static func chunks(_ parts: [[UInt8]], size: Int) async -> [[UInt8]] {
        var result: [[UInt8]] = []
        for await buffer in ByteChunks(parts, chunkSize: size) { result.append(Array(buffer.readableBytesView)) }
        return result
    }

    @Test func smallPartsTravelTogetherUpToTheChunkSize() async {
        #expect(await Self.chunks([[1, 2], [3], [4, 5, 6, 7, 8]], size: 3) == [[1, 2, 3], [4, 5, 6], [7, 8]])
    }

    @Test func aLargePartIsCutIntoChunksAndTheConcatenationIsTheBody() async {
        let large = (0..<1_000).map { UInt8(truncatingIfNeeded: $0 * 7) }
        let parts: [[UInt8]] = [[9, 9], large, [], [1]]
        let chunks = await Self.chunks(parts, size: 256)
        #expect(chunks.map(\.count) == [256, 256, 256, 235])
        #expect(Array(chunks.joined()) == Array(parts.joined()))
    }

    @Test func emptyPartsMakeNoChunks() async {
        #expect(await Self.chunks([], size: 4).isEmpty)
        #expect(await Self.chunks([[], []], size: 4).isEmpty)
    }
}
