#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch

/// Runs kernels on one or several cores with results that do not depend on the number of threads.
///
/// Work is split only along dimensions whose elements are computed independently (columns or rows of a
/// matrix product, channels of a convolution), never along a reduction, so every output element sees the
/// same operations in the same order whatever ``threadCount`` is. A pool with one thread calls its body
/// inline and never touches Dispatch.
public final class ComputePool: Sendable {
    /// The number of parts work is split into (1 = run inline on the caller's thread).
    public let threadCount: Int

    /// Creates a pool that splits work into `threads` parts (clamped to at least 1).
    public init(threads: Int) {
        threadCount = max(1, threads)
    }

    /// A pool that runs everything inline on the calling thread.
    public static let serial = ComputePool(threads: 1)

    /// A pool with one part per online processor.
    public static let allCores = ComputePool(threads: ComputePool.availableCores)

    /// The number of processors currently online.
    public static var availableCores: Int {
        #if canImport(Glibc) || canImport(Darwin)
        return max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
        #else
        return 1
        #endif
    }

    /// Calls `body(i)` for every `i` in `0..<count`, spreading the calls over the pool's threads.
    ///
    /// The calls must write disjoint memory. `body` does not escape.
    public func parallelFor(_ count: Int, _ body: (Int) -> Void) {
        if threadCount == 1 || count <= 1 {
            for i in 0..<count { body(i) }
            return
        }
        withoutActuallyEscaping(body) { body in
            let unchecked = UncheckedBody(body: body)
            DispatchQueue.concurrentPerform(iterations: count) { unchecked.body($0) }
        }
    }

    /// Splits `0..<total` into at most ``threadCount`` contiguous chunks whose boundaries are multiples of
    /// `alignment` and calls `body(part, range)` for each non-empty chunk.
    ///
    /// `workPerItem` estimates the elementary operations one item costs; when `total × workPerItem` is below
    /// about 256 k (tens of microseconds) the whole range runs inline, because waking another thread costs
    /// more than it saves — pooling a small batch on two threads was measurably slower than on one.
    public func parallelChunks(_ total: Int, alignment: Int = 1, workPerItem: Int = Int.max,
                               _ body: (Int, Range<Int>) -> Void) {
        let (work, overflow) = total.multipliedReportingOverflow(by: workPerItem)
        let parts = !overflow && work < 1 << 18
            ? 1 : min(threadCount, max(1, (total + alignment - 1) / max(alignment, 1)))
        if parts <= 1 {
            if total > 0 { body(0, 0..<total) }
            return
        }
        let units = (total + alignment - 1) / alignment
        parallelFor(parts) { part in
            let lo = min(total, (units * part / parts) * alignment)
            let hi = min(total, (units * (part + 1) / parts) * alignment)
            if lo < hi { body(part, lo..<hi) }
        }
    }

    /// The scratch floats ``gemm(transA:transB:m:n:k:alpha:a:lda:b:ldb:beta:c:ldc:workspace:)`` needs.
    public func gemmWorkspaceCount(m: Int, n: Int, k: Int) -> Int {
        threadCount * Kernels.gemmWorkspaceCount(m: m, n: n, k: k)
    }

    /// Matrix multiply split over threads along the larger output dimension; see ``Kernels/gemm(transA:transB:m:n:k:alpha:a:lda:b:ldb:beta:c:ldc:workspace:)``.
    ///
    /// Small products run inline: below about four million multiply–adds (84 µs on one Zen 4 core) the
    /// hand-off to Dispatch costs more than it saves — a 128³ product (2 M) measured 70 GFLOPS on two threads
    /// against 99 on one.
    /// Chunk boundaries fall on whole register tiles of the kernel (columns: multiples of 64 = 2 × 32; rows:
    /// multiples of 24 = 2 × 12), so a split adds no ragged edge tiles. The result never depends on the split.
    public func gemm(
        transA: Bool, transB: Bool,
        m: Int, n: Int, k: Int,
        alpha: Float,
        a: UnsafePointer<Float>, lda: Int,
        b: UnsafePointer<Float>, ldb: Int,
        beta: Float,
        c: UnsafeMutablePointer<Float>, ldc: Int,
        workspace: UnsafeMutablePointer<Float>
    ) {
        if threadCount == 1 || m * n * k < 1 << 22 {
            Kernels.gemm(transA: transA, transB: transB, m: m, n: n, k: k, alpha: alpha,
                         a: a, lda: lda, b: b, ldb: ldb, beta: beta, c: c, ldc: ldc, workspace: workspace)
            return
        }
        let perPart = Kernels.gemmWorkspaceCount(m: m, n: n, k: k)
        if n >= m {
            parallelChunks(n, alignment: 64) { part, cols in
                let bOffset = transB ? cols.lowerBound * ldb : cols.lowerBound
                Kernels.gemm(transA: transA, transB: transB, m: m, n: cols.count, k: k, alpha: alpha,
                             a: a, lda: lda, b: b + bOffset, ldb: ldb, beta: beta,
                             c: c + cols.lowerBound, ldc: ldc, workspace: workspace + part * perPart)
            }
        } else {
            parallelChunks(m, alignment: 24) { part, rows in
                let aOffset = transA ? rows.lowerBound : rows.lowerBound * lda
                Kernels.gemm(transA: transA, transB: transB, m: rows.count, n: n, k: k, alpha: alpha,
                             a: a + aOffset, lda: lda, b: b, ldb: ldb, beta: beta,
                             c: c + rows.lowerBound * ldc, ldc: ldc, workspace: workspace + part * perPart)
            }
        }
    }
}

/// Carries a non-escaping closure into Dispatch; safe because `parallelFor` waits for every call.
private struct UncheckedBody: @unchecked Sendable {
    let body: (Int) -> Void
}
