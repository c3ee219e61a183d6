import Testing
@testable import SwiftletFederated
import SwiftletTensor

@Suite struct SortingNetworkTests {
    @Test func fullNetworkSortsEveryLaneForCountsUpTo70() {
        var generator = SeededGenerator(seed: 7)
        for count in 1...70 {
            let network = SortingNetwork(count: count, outputs: 0..<count)
            // Small integers make ties common, which a network must handle like any other order.
            let columns = (0..<16).map { _ in (0..<count).map { _ in Float(generator.nextInt(below: 9)) } }
            let values = UnsafeMutablePointer<SIMD16<Float>>.allocate(capacity: count)
            defer { values.deallocate() }
            for wire in 0..<count { values[wire] = SIMD16<Float>((0..<16).map { columns[$0][wire] }) }
            network.apply(values)
            for lane in 0..<16 {
                #expect((0..<count).map { values[$0][lane] } == columns[lane].sorted(), "count \(count), lane \(lane)")
            }
        }
    }

    @Test func prunedNetworkPlacesTheWantedRanks() {
        var generator = SeededGenerator(seed: 8)
        let count = 37
        let network = SortingNetwork(count: count, outputs: 18..<19)
        #expect(network.comparators.count < SortingNetwork(count: count, outputs: 0..<count).comparators.count)
        let values = UnsafeMutablePointer<SIMD16<Float>>.allocate(capacity: count)
        defer { values.deallocate() }
        var columns: [[Float]] = Array(repeating: [], count: 16)
        for wire in 0..<count {
            let vector = SIMD16<Float>((0..<16).map { _ in generator.nextNormal() })
            values[wire] = vector
            for lane in 0..<16 { columns[lane].append(vector[lane]) }
        }
        network.apply(values)
        for lane in 0..<16 { #expect(values[18][lane] == columns[lane].sorted()[18]) }
    }
}
