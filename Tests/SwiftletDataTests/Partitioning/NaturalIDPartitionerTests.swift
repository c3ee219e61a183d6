import Testing
@testable import SwiftletData

@Suite struct NaturalIDPartitionerTests {
    @Test func groupsByIdInOrderOfFirstAppearance() throws {
        let parts = try Partitioner.naturalID(ids: ["b", "a", "b", "c", "a"])
        #expect(parts == [[0, 2], [1, 4], [3]])
    }

    @Test func worksWithIntegerIds() throws {
        #expect(try Partitioner.naturalID(ids: [7, 7, 7]) == [[0, 1, 2]])
    }

    @Test func emptyIdsAreAnError() {
        #expect(throws: PartitionError.tooFewSamples(samples: 0, pieces: 1)) { try Partitioner.naturalID(ids: [Int]()) }
    }
}
