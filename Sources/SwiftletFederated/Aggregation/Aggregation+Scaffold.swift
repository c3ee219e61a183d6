import SwiftletTensor

extension Aggregation {
    /// SCAFFOLD's server step, in place: moves the global model and the server control variate.
    ///
    /// Karimireddy, Kale, Mohri, Reddi, Stich, Suresh, "SCAFFOLD: Stochastic Controlled Averaging for
    /// Federated Learning", ICML 2020, Algorithm 1 (server side). With `n = |S|` updates received from a
    /// federation of `N` nodes, `Σ(y_i − x)` and `ΣΔc_i` their summed model and control-variate deltas:
    ///
    ///     x ← x + η_g · (1/n) Σ (y_i − x)
    ///     c ← c + (n/N) · (1/n) Σ Δc_i   = c + (1/N) Σ Δc_i
    ///
    /// Both means are unweighted, as in the paper. Coordinates are independent, so the result does not
    /// depend on `pool`'s thread count.
    public static func scaffoldStep(global x: UnsafeMutablePointer<Float>, control c: UnsafeMutablePointer<Float>,
                                    modelDeltaSum: UnsafePointer<Float>, controlDeltaSum: UnsafePointer<Float>,
                                    count: Int, updateCount: Int, nodeCount: Int, learningRate: Float,
                                    pool: ComputePool = .serial) {
        precondition(updateCount > 0 && nodeCount > 0, "scaffoldStep: needs at least one update and one node")
        let modelScale = learningRate / Float(updateCount)
        // (n/N) × (1/n) folded into one factor, so no rounding depends on n.
        let controlScale = 1 / Float(nodeCount)
        pool.parallelChunks(count, alignment: 16, workPerItem: 4) { _, range in
            let n = range.count, start = range.lowerBound
            Kernels.axpy(n, modelScale, modelDeltaSum + start, x + start)
            Kernels.axpy(n, controlScale, controlDeltaSum + start, c + start)
        }
    }
}
