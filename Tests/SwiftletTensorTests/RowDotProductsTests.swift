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

@Suite struct RowDotLaneSumsTests {
    func laneSums(m: Int, n: Int, length: Int, a: [Float], b: [Float], lanes: inout [Float], accumulate: Bool) {
        a.withUnsafeBufferPointer { a in
            b.withUnsafeBufferPointer { b in
                lanes.withUnsafeMutableBufferPointer { l in
                    Kernels.rowDotLaneSums(m: m, n: n, length: length, a: a.baseAddress!, lda: length,
                                           b: b.baseAddress!, ldb: length, accumulate: accumulate,
                                           lanes: l.baseAddress!)
                }
            }
        }
    }

    func totals(_ lanes: [Float]) -> [Float] {
        var c = [Float](repeating: .nan, count: lanes.count / 16)
        lanes.withUnsafeBufferPointer { l in
            c.withUnsafeMutableBufferPointer { Kernels.rowDotLaneTotals(count: $0.count, lanes: l.baseAddress!, into: $0.baseAddress!) }
        }
        return c
    }

    @Test func oneProductsLaneTotalsEqualTheRowDotProductsBitForBit() {
        // The same chains and reduction as rowDotProducts without accumulation; 6 × 9 covers blocks and edges,
        // length 37 a masked tail.
        let m = 6, n = 9, length = 37
        var generator = SeededGenerator(seed: 11)
        let a = (0..<(m * length)).map { _ in generator.nextFloat(in: -1...1) }
        let b = (0..<(n * length)).map { _ in generator.nextFloat(in: -1...1) }
        var lanes = [Float](repeating: .nan, count: m * n * 16)
        laneSums(m: m, n: n, length: length, a: a, b: b, lanes: &lanes, accumulate: false)
        var c = [Float](repeating: .nan, count: m * n)
        a.withUnsafeBufferPointer { a in
            b.withUnsafeBufferPointer { b in
                c.withUnsafeMutableBufferPointer { c in
                    Kernels.rowDotProducts(m: m, n: n, length: length, a: a.baseAddress!, lda: length,
                                           b: b.baseAddress!, ldb: length, accumulate: false,
                                           c: c.baseAddress!, ldc: n)
                }
            }
        }
        #expect(totals(lanes).map(\.bitPattern) == c.map(\.bitPattern))
    }

    @Test func accumulatedLaneSumsAddUpSeveralProducts() {
        // Three products summed in the lanes equal the double-precision sum of all their dot products.
        let m = 5, n = 6, length = 100
        var generator = SeededGenerator(seed: 12)
        var lanes = [Float](repeating: .nan, count: m * n * 16)
        var exact = [Double](repeating: 0, count: m * n)
        for product in 0..<3 {
            let a = (0..<(m * length)).map { _ in generator.nextFloat(in: -1...1) }
            let b = (0..<(n * length)).map { _ in generator.nextFloat(in: -1...1) }
            laneSums(m: m, n: n, length: length, a: a, b: b, lanes: &lanes, accumulate: product > 0)
            for i in 0..<m {
                for j in 0..<n {
                    for p in 0..<length { exact[i * n + j] += Double(a[i * length + p]) * Double(b[j * length + p]) }
                }
            }
        }
        for (got, want) in zip(totals(lanes), exact) { #expect(abs(Double(got) - want) <= 1e-3) }
    }

    @Test func splittingTheRowsGivesBitIdenticalLaneSums() {
        let m = 7, n = 5, length = 45
        var generator = SeededGenerator(seed: 13)
        let a = (0..<(m * length)).map { _ in generator.nextFloat(in: -1...1) }
        let b = (0..<(n * length)).map { _ in generator.nextFloat(in: -1...1) }
        var whole = [Float](repeating: 0, count: m * n * 16)
        laneSums(m: m, n: n, length: length, a: a, b: b, lanes: &whole, accumulate: false)
        var top = [Float](repeating: 0, count: 2 * n * 16), bottom = [Float](repeating: 0, count: (m - 2) * n * 16)
        laneSums(m: 2, n: n, length: length, a: Array(a[..<(2 * length)]), b: b, lanes: &top, accumulate: false)
        laneSums(m: m - 2, n: n, length: length, a: Array(a[(2 * length)...]), b: b, lanes: &bottom, accumulate: false)
        #expect(whole.map(\.bitPattern) == (top + bottom).map(\.bitPattern))
    }
}
