import Testing
@testable import SwiftletTensor

/// One matrix product's operands, stored with padded leading dimensions, and helpers to run it.
struct GEMMCase {
    var transA: Bool, transB: Bool
    var m: Int, n: Int, k: Int
    var alpha: Float = 1, beta: Float = 0
    /// Extra floats at the end of every stored row, so lda/ldb/ldc differ from the logical widths.
    var padding = 0

    var lda: Int { (transA ? m : k) + padding }
    var ldb: Int { (transB ? k : n) + padding }
    var ldc: Int { n + 2 * padding }
    var aCount: Int { max((transA ? k : m) * lda, 1) }
    var bCount: Int { max((transB ? n : k) * ldb, 1) }
    var cCount: Int { max(m * ldc, 1) }

    /// Deterministic operands and a prior C, drawn from a seeded generator.
    func operands(seed: UInt64) -> (a: [Float], b: [Float], c: [Float]) {
        var g = SeededGenerator(seed: seed)
        let a = (0..<aCount).map { _ in g.nextFloat(in: -1...1) }
        let b = (0..<bCount).map { _ in g.nextFloat(in: -1...1) }
        let c = (0..<cCount).map { _ in g.nextFloat(in: -1...1) }
        return (a, b, c)
    }

    /// C after the naive, canonical loop.
    func reference(_ a: [Float], _ b: [Float], _ c: [Float]) -> [Float] {
        var c = c
        c.withUnsafeMutableBufferPointer { cp in
            Kernels.gemmReference(transA: transA, transB: transB, m: m, n: n, k: k, alpha: alpha,
                                  a: a, lda: lda, b: b, ldb: ldb, beta: beta, c: cp.baseAddress!, ldc: ldc)
        }
        return c
    }

    /// C after `pool.gemm` (the blocked kernel, split over the pool's threads).
    func fast(_ a: [Float], _ b: [Float], _ c: [Float], pool: ComputePool = .serial) -> [Float] {
        var c = c
        let workspace = AlignedBuffer(count: pool.gemmWorkspaceCount(m: m, n: n, k: k))
        c.withUnsafeMutableBufferPointer { cp in
            pool.gemm(transA: transA, transB: transB, m: m, n: n, k: k, alpha: alpha, a: a, lda: lda,
                      b: b, ldb: ldb, beta: beta, c: cp.baseAddress!, ldc: ldc, workspace: workspace.baseAddress)
        }
        return c
    }
}

/// The first index where `x` and `y` differ in any bit (or in length), or nil: keeps failure messages short.
func firstDifference(_ x: [Float], _ y: [Float]) -> Int? {
    if x.count != y.count { return min(x.count, y.count) }
    return x.indices.first { x[$0].bitPattern != y[$0].bitPattern }
}

@Suite struct GEMMTests {
    static let transposes = [(false, false), (false, true), (true, false), (true, true)]

    /// Checks bit-identical agreement with the reference for every transpose combination.
    func expectMatchesReference(m: Int, n: Int, k: Int, alpha: Float = 1, beta: Float = 0, padding: Int = 0,
                                seed: UInt64) {
        for (ta, tb) in Self.transposes {
            let g = GEMMCase(transA: ta, transB: tb, m: m, n: n, k: k, alpha: alpha, beta: beta, padding: padding)
            let (a, b, c) = g.operands(seed: seed)
            #expect(firstDifference(g.fast(a, b, c), g.reference(a, b, c)) == nil,
                    "m=\(m) n=\(n) k=\(k) transA=\(ta) transB=\(tb) alpha=\(alpha) beta=\(beta) pad=\(padding)")
        }
    }

    @Test func smallProductMatchesHandComputedValues() {
        // [1 2 3; 4 5 6] · [7 8; 9 10; 11 12] = [58 64; 139 154]; then 2·AB + 0.5·C with C = [1 2; 3 4].
        let g = GEMMCase(transA: false, transB: false, m: 2, n: 2, k: 3, alpha: 2, beta: 0.5)
        let result = g.fast([1, 2, 3, 4, 5, 6], [7, 8, 9, 10, 11, 12], [1, 2, 3, 4])
        #expect(result == [116.5, 129, 279.5, 310])
    }

    @Test func transposedOperandsMatchHandComputedValues() {
        // A stored 3×2 (so op(A) = Aᵀ is 2×3) and B stored 2×3 (op(B) = Bᵀ is 3×2): same product as above.
        let g = GEMMCase(transA: true, transB: true, m: 2, n: 2, k: 3)
        let result = g.fast([1, 4, 2, 5, 3, 6], [7, 9, 11, 8, 10, 12], [0, 0, 0, 0])
        #expect(result == [58, 64, 139, 154])
    }

    @Test func tinyAndPrimeShapesMatchReference() {
        let sizes = [1, 2, 3, 5, 7, 11, 13]
        var seed: UInt64 = 1
        for m in sizes {
            for n in sizes {
                for k in sizes {
                    expectMatchesReference(m: m, n: n, k: k, seed: seed)
                    seed += 1
                }
            }
        }
    }

    @Test func shapesStraddlingRegisterTilesMatchReference() {
        // MR = 12 (and 8- and 4-row tail kernels), NR = 32 (and a 16-column tail kernel).
        for m in [4, 8, 9, 11, 12, 13, 16, 23, 24, 25] {
            for n in [15, 16, 17, 31, 32, 33, 48, 63, 64, 65, 80] {
                expectMatchesReference(m: m, n: n, k: 17, seed: UInt64(m * 100 + n))
            }
        }
    }

    @Test func shapesStraddlingCacheBlocksMatchReference() {
        // KC = 384 (split into equal blocks), NC = 256, MC = 96 (used when beta ≠ 0 and k > KC).
        let shapes = [(13, 40, 383), (13, 40, 384), (13, 40, 385), (5, 33, 769), (20, 255, 30), (20, 256, 30),
                      (20, 257, 30), (3, 513, 9), (97, 40, 400), (96, 33, 385), (100, 260, 390)]
        for (i, (m, n, k)) in shapes.enumerated() {
            expectMatchesReference(m: m, n: n, k: k, seed: UInt64(i))
            expectMatchesReference(m: m, n: n, k: k, alpha: -0.75, beta: 1.25, seed: UInt64(i + 50))
        }
    }

    @Test func trainingShapesMatchReference() {
        for (i, (m, n, k)) in [(10, 200, 784), (200, 784, 10), (10, 784, 200), (64, 196, 800), (32, 784, 25)]
            .enumerated() {
            expectMatchesReference(m: m, n: n, k: k, beta: 1, seed: UInt64(i))
        }
    }

    @Test func fewRowsTimesTransposedBMatchReference() {
        // The row-broadcast path (m ≤ 16, transposed B, 32 ≤ k ≤ 2048): 8- and 16-lane vectors, column blocks
        // of 12 and short right edges of at most 4, and the depths at which the path starts and stops.
        var seed: UInt64 = 500
        for m in [1, 7, 8, 9, 10, 16, 17] {
            for n in [1, 3, 11, 12, 13, 16, 25] {
                for k in [31, 32, 33, 201, 2048, 2049] {
                    expectMatchesReference(m: m, n: n, k: k, seed: seed)
                    seed += 1
                }
            }
        }
    }

    @Test func fewRowsTimesTransposedBAppliesAlphaBetaAndStrides() {
        for (i, (alpha, beta)) in [(Float(1), Float(1)), (-0.5, 0.75), (2, 0)].enumerated() {
            expectMatchesReference(m: 10, n: 30, k: 100, alpha: alpha, beta: beta, padding: 3, seed: UInt64(i + 900))
        }
    }

    @Test func fewRowsTimesTransposedBMatchesAcrossThreadSplits() {
        let g = GEMMCase(transA: false, transB: true, m: 10, n: 600, k: 784, beta: 1)
        let (a, b, c) = g.operands(seed: 77)
        let serial = g.fast(a, b, c)
        #expect(firstDifference(g.fast(a, b, c, pool: ComputePool(threads: 3)), serial) == nil)
        #expect(firstDifference(serial, g.reference(a, b, c)) == nil)
    }

    @Test func leadingDimensionsLargerThanRowsMatchReference() {
        for (i, (m, n, k)) in [(1, 1, 1), (7, 45, 19), (14, 33, 400), (30, 70, 5)].enumerated() {
            expectMatchesReference(m: m, n: n, k: k, alpha: 0.5, beta: -2, padding: 3, seed: UInt64(i))
        }
    }

    @Test func alphaAndBetaCombinationsMatchReference() {
        for (i, (alpha, beta)) in [(Float(1), Float(0)), (2.5, 0), (1, 1), (-0.5, 0.75), (0, 3)].enumerated() {
            expectMatchesReference(m: 15, n: 37, k: 29, alpha: alpha, beta: beta, seed: UInt64(i))
            expectMatchesReference(m: 15, n: 37, k: 400, alpha: alpha, beta: beta, seed: UInt64(i + 10))
        }
    }

    @Test func zeroDepthScalesC() {
        let g = GEMMCase(transA: false, transB: false, m: 2, n: 3, k: 0, alpha: 4, beta: 0.5)
        #expect(g.fast([0], [0], [2, 4, 6, 8, 10, -12]) == [1, 2, 3, 4, 5, -6])
    }

    @Test func emptyOutputLeavesCUntouched() {
        for (m, n) in [(0, 5), (5, 0), (0, 0)] {
            let g = GEMMCase(transA: false, transB: false, m: m, n: n, k: 3, beta: 2)
            #expect(g.fast([1, 2, 3], [4, 5, 6], [7]) == [7])
        }
    }

    @Test func betaZeroNeverReadsNaNFromC() {
        for (ta, tb) in Self.transposes {
            for (m, n, k) in [(3, 5, 2), (13, 70, 9), (30, 40, 800), (2, 3, 0)] {
                let g = GEMMCase(transA: ta, transB: tb, m: m, n: n, k: k, alpha: 1.5, beta: 0)
                let (a, b, _) = g.operands(seed: 9)
                let result = g.fast(a, b, [Float](repeating: .nan, count: g.cCount))
                #expect(result.allSatisfy { !$0.isNaN }, "m=\(m) n=\(n) k=\(k) transA=\(ta) transB=\(tb)")
            }
        }
    }

    @Test func resultDoesNotDependOnThreadCount() {
        // Above the pool's inline threshold (2²² multiply–adds) so it splits: by columns (n ≥ m) and by rows
        // (m > n), odd sizes for ragged chunks.
        for (i, (m, n, k)) in [(37, 300, 400), (301, 45, 390), (130, 129, 300)].enumerated() {
            for (ta, tb) in Self.transposes {
                let g = GEMMCase(transA: ta, transB: tb, m: m, n: n, k: k, alpha: 0.5, beta: 1, padding: 1)
                let (a, b, c) = g.operands(seed: UInt64(i))
                let serial = g.fast(a, b, c)
                for threads in [2, 3, 5] {
                    #expect(firstDifference(g.fast(a, b, c, pool: ComputePool(threads: threads)), serial) == nil,
                            "m=\(m) n=\(n) k=\(k) transA=\(ta) transB=\(tb) threads=\(threads)")
                }
            }
        }
    }

    @Test func resultDoesNotDependOnHowCIsChunked() {
        // Computing C piece by piece at arbitrary offsets gives the same bits as one call.
        let g = GEMMCase(transA: false, transB: true, m: 29, n: 71, k: 450, alpha: 1, beta: 1)
        let (a, b, c) = g.operands(seed: 4)
        let whole = g.fast(a, b, c)
        var pieced = c
        let workspace = AlignedBuffer(count: Kernels.gemmWorkspaceCount(m: g.m, n: g.n, k: g.k))
        a.withUnsafeBufferPointer { ap in
            b.withUnsafeBufferPointer { bp in
                pieced.withUnsafeMutableBufferPointer { cp in
                    for (rows, cols) in [(0..<5, 0..<13), (0..<5, 13..<71), (5..<29, 0..<50), (5..<29, 50..<71)] {
                        Kernels.gemm(transA: false, transB: true, m: rows.count, n: cols.count, k: g.k, alpha: 1,
                                     a: ap.baseAddress! + rows.lowerBound * g.lda, lda: g.lda,
                                     b: bp.baseAddress! + cols.lowerBound * g.ldb, ldb: g.ldb, beta: 1,
                                     c: cp.baseAddress! + rows.lowerBound * g.ldc + cols.lowerBound, ldc: g.ldc,
                                     workspace: workspace.baseAddress)
                    }
                }
            }
        }
        #expect(firstDifference(pieced, whole) == nil)
    }

    @Test func workspaceIsBoundedByBlockSizes() {
        let huge = Kernels.gemmWorkspaceCount(m: 100_000, n: 100_000, k: 100_000)
        #expect(huge == 127_872)
        #expect(Kernels.gemmWorkspaceCount(m: 10, n: 200, k: 784) <= huge)
        #expect(Kernels.gemmWorkspaceCount(m: 1, n: 1, k: 1) < 1_000)
    }
}
