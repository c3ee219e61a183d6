import Testing
import SwiftletFederated

/// Top-k picks exactly the k largest magnitudes whatever the distribution, without sorting the vector.
@Suite struct TopKSelectionTests {
    /// Positions of the k largest |x| by a full sort, ties to the lower position.
    static func reference(_ values: [Float], k: Int) -> [Int] {
        Array(values.indices.sorted { abs(values[$0]) != abs(values[$1]) ? abs(values[$0]) > abs(values[$1]) : $0 < $1 }.prefix(k)).sorted()
    }

    @Test(arguments: [0.001, 0.01, 0.1, 0.5])
    func matchesAFullSortOnNormalValues(fraction: Double) throws {
        let values = normalValues(50_000, seed: 21)
        let k = Int((fraction * 50_000).rounded(.up))
        let decoded = try roundTrip("topk:\(fraction)", values)
        #expect(decoded.indices.filter { decoded[$0] != 0 } == Self.reference(values, k: k))
    }

    @Test func matchesAFullSortWhenTheSampleMissesTheLargeValues() throws {
        // Large values only at odd positions the strided sample never visits, so its threshold estimate is far
        // too high and selection must lower it.
        var values = [Float](repeating: 0.001, count: 40_960)
        for i in stride(from: 1, to: values.count, by: 20) { values[i] = Float(i) }
        let decoded = try roundTrip("topk:0.05", values)
        let expected = Self.reference(values, k: 2048)
        #expect(decoded.indices.filter { decoded[$0] != 0 } == expected)
    }

    @Test func tiesGoToTheLowerPositions() throws {
        let values: [Float] = [1, -1, 1, 1, -1, 1, 1, 1]
        let decoded = try roundTrip("topk:0.375", values)
        #expect(decoded == [1, -1, 1, 0, 0, 0, 0, 0])
    }

    @Test func fractionOneKeepsEverything() throws {
        let values = normalValues(100, seed: 2)
        #expect(try roundTrip("topk:1", values) == values)
    }

    @Test func aNonEmptyVectorAlwaysKeepsAtLeastOne() throws {
        let decoded = try roundTrip("topk:0.000001", [0.1, -5, 2])
        #expect(decoded == [0, -5, 0])
    }

    @Test func allZeroVectorKeepsZeros() throws {
        #expect(try roundTrip("topk:0.1", [Float](repeating: 0, count: 100)) == [Float](repeating: 0, count: 100))
    }
}
