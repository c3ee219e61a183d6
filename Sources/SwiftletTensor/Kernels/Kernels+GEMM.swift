extension Kernels {
    /// Single-precision general matrix multiply, row-major: `C = alpha · op(A) · op(B) + beta · C`.
    ///
    /// `op(A)` is `m × k` and `op(B)` is `k × n`. With `transA == false`, A is stored `m × k` with row stride
    /// `lda`; with `transA == true`, A is stored `k × m`. Likewise for B. `beta == 0` overwrites C without
    /// reading it (so NaN in an uninitialised C never leaks in).
    ///
    /// `workspace` must hold at least ``gemmWorkspaceCount(m:n:k:)`` floats.
    /// Each element of C is computed with the same sequence of operations whatever part of C a call covers,
    /// so splitting C across threads (see `ComputePool`) gives bit-identical results for any thread count.
    public static func gemm(
        transA: Bool, transB: Bool,
        m: Int, n: Int, k: Int,
        alpha: Float,
        a: UnsafePointer<Float>, lda: Int,
        b: UnsafePointer<Float>, ldb: Int,
        beta: Float,
        c: UnsafeMutablePointer<Float>, ldc: Int,
        workspace: UnsafeMutablePointer<Float>
    ) {
        // Reference implementation; replaced by the blocked, packed kernel.
        for i in 0..<m {
            for j in 0..<n {
                var sum: Float = 0
                for p in 0..<k {
                    let av = transA ? a[p * lda + i] : a[i * lda + p]
                    let bv = transB ? b[j * ldb + p] : b[p * ldb + j]
                    sum = sum.addingProduct(av, bv)
                }
                let prior: Float = beta == 0 ? 0 : beta * c[i * ldc + j]
                c[i * ldc + j] = alpha * sum + prior
            }
        }
    }

    /// The number of scratch floats ``gemm(transA:transB:m:n:k:alpha:a:lda:b:ldb:beta:c:ldc:workspace:)`` needs.
    public static func gemmWorkspaceCount(m: Int, n: Int, k: Int) -> Int {
        1
    }
}
