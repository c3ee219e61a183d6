import SwiftletTensor

extension Conv2D {
    /// `C = op(A) · B + beta · C` with B not transposed, computed as one GEMM per 12-row slice of C.
    ///
    /// A GEMM with at most 12 rows reads a non-transposed B in place instead of packing it, and a
    /// convolution's B (the column matrix, or the output gradient) is used by few rows relative to its size:
    /// packing it costs about as much as a sixth of the multiply–adds for `cnn`'s second convolution. Every
    /// element of C is still computed by the GEMM's one canonical chain, so the result is bit-identical to a
    /// single call and independent of the thread count; slices are spread over the pool's threads, each
    /// with its own GEMM scratch of `perPart` floats.
    func slicedProduct(
        transA: Bool, m: Int, n: Int, k: Int,
        a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
        beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int,
        pool: ComputePool, workspace: UnsafeMutablePointer<Float>, perPart: Int
    ) {
        // Only whole 32-column panels are read in place; the ragged right edge would be packed again by every
        // slice, so it is one product over all rows instead.
        let inPlace = n - n % 32
        let slices = (m + 11) / 12
        // As `ComputePool.gemm`: below about four million multiply–adds a hand-off to other threads costs more
        // than it saves.
        let pool = m * n * k < 1 << 22 ? ComputePool.serial : pool
        if inPlace > 0 {
            pool.parallelChunks(slices) { part, range in
                for slice in range {
                    let r = slice * 12
                    Kernels.gemm(transA: transA, transB: false, m: Swift.min(12, m - r), n: inPlace, k: k, alpha: 1,
                                 a: a + (transA ? r : r * lda), lda: lda, b: b, ldb: ldb, beta: beta,
                                 c: c + r * ldc, ldc: ldc, workspace: workspace + part * perPart)
                }
            }
        }
        if inPlace < n {
            pool.gemm(transA: transA, transB: false, m: m, n: n - inPlace, k: k, alpha: 1, a: a, lda: lda,
                      b: b + inPlace, ldb: ldb, beta: beta, c: c + inPlace, ldc: ldc, workspace: workspace)
        }
    }
}
