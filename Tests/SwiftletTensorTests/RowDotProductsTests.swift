import Testing
import SwiftletTensor

@Suite struct RowDotProductsTests {
    func rowDots(m: Int, n: Int, length: Int, a: [Float], b: [Float], c: [Float], accumulate: Bool) -> [Float] {
        var c = c
        a.withUnsafeBufferPointer { a in
            b.withUnsafeBufferPointer { b in
                c.withUnsafeMutableBufferPointer { c in
                    Kernels.rowDotProducts(m: m, n: n, length: length, a: a.baseAddress!, lda: length,
                                           b: b.baseAddress!, ldb: length, accumulate: accumulate,
                                           c: c.baseAddress!, ldc: n)
                }
            }
        }
        return c
    }

    @Test func smallProductMatchesHandComputedDots() {
        // A = [[1, 2, 3], [4, 5, 6]], B = [[1, 0, -1], [2, 2, 2]]: C[i][j] = A_i · B_j.
        let c = rowDots(m: 2, n: 2, length: 3, a: [1, 2, 3, 4, 5, 6], b: [1, 0, -1, 2, 2, 2], c: [.nan, .nan, .nan, .nan],
                        accumulate: false)
        #expect(c == [-2, 12, -2, 30])
    }

    @Test func accumulateAddsToTheOldValues() {
        let c = rowDots(m: 1, n: 2, length: 2, a: [1, 2], b: [3, 4, 5, 6], c: [100, 200], accumulate: true)
        #expect(c == [111, 217])
    }

    @Test func blockedProductsMatchADoublePrecisionReference() {
        // Sizes around the 4 × 4 blocks and the 16-float vectors, including tails of both.
        for (m, n, length) in [(4, 4, 16), (6, 25, 784), (5, 7, 33), (16, 150, 100), (1, 1, 5), (9, 3, 47)] {
            var generator = SeededGenerator(seed: UInt64(m * 1000 + n * 10 + length))
            let a = (0..<(m * length)).map { _ in generator.nextFloat(in: -1...1) }
            let b = (0..<(n * length)).map { _ in generator.nextFloat(in: -1...1) }
            let c = rowDots(m: m, n: n, length: length, a: a, b: b, c: [Float](repeating: .nan, count: m * n),
                            accumulate: false)
            for i in 0..<m {
                for j in 0..<n {
                    var exact = 0.0
                    for p in 0..<length { exact += Double(a[i * length + p]) * Double(b[j * length + p]) }
                    #expect(abs(Double(c[i * n + j]) - exact) <= 1e-5 * Double(length), "\(m)×\(n)×\(length) [\(i), \(j)]")
                }
            }
        }
    }

    @Test func splittingTheRowsGivesBitIdenticalResults() {
        // Rows split at 3 (not a block boundary) move elements between the 4 × 4 blocks and the single-dot
        // path; each element must still be computed with the same operations, as thread splits rely on.
        let m = 11, n = 9, length = 53
        var generator = SeededGenerator(seed: 9)
        let a = (0..<(m * length)).map { _ in generator.nextFloat(in: -1...1) }
        let b = (0..<(n * length)).map { _ in generator.nextFloat(in: -1...1) }
        let old = (0..<(m * n)).map { _ in generator.nextFloat(in: -1...1) }
        let whole = rowDots(m: m, n: n, length: length, a: a, b: b, c: old, accumulate: true)
        let top = rowDots(m: 3, n: n, length: length, a: Array(a[..<(3 * length)]), b: b, c: Array(old[..<(3 * n)]),
                          accumulate: true)
        let bottom = rowDots(m: m - 3, n: n, length: length, a: Array(a[(3 * length)...]), b: b,
                             c: Array(old[(3 * n)...]), accumulate: true)
        #expect(whole.map(\.bitPattern) == (top + bottom).map(\.bitPattern))
    }
}
