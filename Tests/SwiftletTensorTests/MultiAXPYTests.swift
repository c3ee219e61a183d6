import SwiftletTensor
import Testing

@Suite struct MultiAXPYTests {
    /// `Kernels.multiAxpy` over `inputs` from `offset`, starting from `y`.
    func multiAxpy(_ y: [Float], weights: [Float], inputs: [[Float]], offset: Int = 0) -> [Float] {
        var y = y
        let pointers = UnsafeMutablePointer<UnsafePointer<Float>>.allocate(capacity: inputs.count)
        defer { pointers.deallocate() }
        func pin(_ index: Int, _ body: () -> Void) {
            guard index < inputs.count else { return body() }
            inputs[index].withUnsafeBufferPointer { pointers[index] = $0.baseAddress!; pin(index + 1, body) }
        }
        pin(0) {
            weights.withUnsafeBufferPointer { a in
                y.withUnsafeMutableBufferPointer { y in
                    Kernels.multiAxpy(y.count, inputs.count, a.baseAddress!, pointers, offset: offset, y.baseAddress!)
                }
            }
        }
        return y
    }

    @Test func addsEveryWeightedInputToTheOldValues() {
        // y = [1, 1, 1] + 2·[1, 2, 3] + (−1)·[4, 5, 6] + 0.5·[2, 4, 8] = [0, 2, 5]
        let y = multiAxpy([1, 1, 1], weights: [2, -1, 0.5], inputs: [[1, 2, 3], [4, 5, 6], [2, 4, 8]])
        #expect(y == [0, 2, 5])
    }

    @Test func offsetSelectsTheSameSliceOfEveryInput() {
        // Elements 2 and 3 of each input: [1, 1] + 1·[3, 4] + 10·[30, 40] = [304, 405]
        let y = multiAxpy([1, 1], weights: [1, 10], inputs: [[1, 2, 3, 4], [10, 20, 30, 40]], offset: 2)
        #expect(y == [304, 405])
    }

    @Test func matchesConsecutiveAxpysBitForBit() {
        // 37 elements: two full 16-wide vectors and a 5-element tail.
        var generator = SeededGenerator(seed: 7)
        let inputs = (0..<5).map { _ in (0..<37).map { _ in generator.nextFloat(in: -1...1) } }
        let weights = (0..<5).map { _ in generator.nextFloat(in: 0...100) }
        let start = (0..<37).map { _ in generator.nextFloat(in: -1...1) }
        var expected = start
        for (input, weight) in zip(inputs, weights) {
            input.withUnsafeBufferPointer { x in
                expected.withUnsafeMutableBufferPointer { y in Kernels.axpy(37, weight, x.baseAddress!, y.baseAddress!) }
            }
        }
        let y = multiAxpy(start, weights: weights, inputs: inputs)
        #expect(y.map(\.bitPattern) == expected.map(\.bitPattern))
    }
}
