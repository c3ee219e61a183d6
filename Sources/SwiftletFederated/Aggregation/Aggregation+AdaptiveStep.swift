import SwiftletTensor

extension Aggregation {
    /// One server step of FedAdagrad, FedAdam or FedYogi, in place over raw buffers.
    ///
    /// Reddi et al., "Adaptive Federated Optimization", ICLR 2021, Algorithm 2. For every coordinate, with
    /// `Δ = average − x` the round's pseudo-gradient (the mean client model minus the global model):
    ///
    ///     m ← β₁ m + (1 − β₁) Δ
    ///     v ← v + Δ²                              (adagrad)
    ///     v ← β₂ v + (1 − β₂) Δ²                  (adam)
    ///     v ← v − (1 − β₂) Δ² sign(v − Δ²)        (yogi; sign(0) = 0)
    ///     x ← x + η m / (√v + τ)
    ///
    /// `β₂` is ignored by the Adagrad rule. Every coordinate is independent, so the work is split over `pool`
    /// by contiguous ranges and the result does not depend on the thread count.
    public static func adaptiveStep(rule: AdaptiveRule, average: UnsafePointer<Float>,
                                    global x: UnsafeMutablePointer<Float>,
                                    firstMoment m: UnsafeMutablePointer<Float>,
                                    secondMoment v: UnsafeMutablePointer<Float>,
                                    count: Int, learningRate eta: Float, beta1: Float, beta2: Float, tau: Float,
                                    pool: ComputePool = .serial) {
        // About a dozen operations per coordinate, including a square root and a division.
        pool.parallelChunks(count, alignment: 16, workPerItem: 12) { _, range in
            for i in range {
                let delta = average[i] - x[i]
                let square = delta * delta
                let mi = beta1 * m[i] + (1 - beta1) * delta
                let vi: Float
                switch rule {
                case .adagrad: vi = v[i] + square
                case .adam: vi = beta2 * v[i] + (1 - beta2) * square
                case .yogi:
                    let gap = v[i] - square
                    let sign: Float = gap > 0 ? 1 : (gap < 0 ? -1 : 0)
                    vi = v[i] - (1 - beta2) * square * sign
                }
                m[i] = mi
                v[i] = vi
                x[i] += eta * mi / (vi.squareRoot() + tau)
            }
        }
    }
}
