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
    /// `β₂` is ignored by the Adagrad rule. The square root is ``Kernels/squareRoot(_:)-(SIMD16<Float>)``
    /// (within one ulp), which vectorises where `Float.squareRoot()` on vectors runs lane by lane. Every
    /// coordinate is independent, so the work is split over `pool` by contiguous ranges and the result does
    /// not depend on the thread count.
    public static func adaptiveStep(rule: AdaptiveRule, average: UnsafePointer<Float>,
                                    global x: UnsafeMutablePointer<Float>,
                                    firstMoment m: UnsafeMutablePointer<Float>,
                                    secondMoment v: UnsafeMutablePointer<Float>,
                                    count: Int, learningRate eta: Float, beta1: Float, beta2: Float, tau: Float,
                                    pool: ComputePool = .serial) {
        // About a dozen operations per coordinate, including a square root and a division. Chunks start on
        // multiples of 16, so which coordinates take the vector path depends only on `count`.
        let etas = SIMD16(repeating: eta), beta1s = SIMD16(repeating: beta1)
        let beta2s = SIMD16(repeating: beta2), taus = SIMD16(repeating: tau)
        pool.parallelChunks(count, alignment: 16, workPerItem: 12) { _, range in
            var i = range.lowerBound
            while i + 16 <= range.upperBound {
                let (xi, mi, vi) = adaptiveLanes(rule: rule, average: load(average + i), global: load(x + i),
                                                 firstMoment: load(m + i), secondMoment: load(v + i),
                                                 learningRate: etas, beta1: beta1s, beta2: beta2s, tau: taus)
                store(xi, x + i)
                store(mi, m + i)
                store(vi, v + i)
                i += 16
            }
            while i < range.upperBound {
                let (xi, mi, vi) = adaptiveLanes(rule: rule, average: SIMD16(repeating: average[i]),
                                                 global: SIMD16(repeating: x[i]), firstMoment: SIMD16(repeating: m[i]),
                                                 secondMoment: SIMD16(repeating: v[i]),
                                                 learningRate: etas, beta1: beta1s, beta2: beta2s, tau: taus)
                x[i] = xi[0]
                m[i] = mi[0]
                v[i] = vi[0]
                i += 1
            }
        }
    }

    /// The update of sixteen coordinates; the tail reuses it on a broadcast value, so both paths round alike.
    @inline(__always)
    private static func adaptiveLanes(rule: AdaptiveRule, average: SIMD16<Float>, global x: SIMD16<Float>,
                                      firstMoment m: SIMD16<Float>, secondMoment v: SIMD16<Float>,
                                      learningRate eta: SIMD16<Float>, beta1: SIMD16<Float>, beta2: SIMD16<Float>,
                                      tau: SIMD16<Float>) -> (SIMD16<Float>, SIMD16<Float>, SIMD16<Float>) {
        let one = SIMD16<Float>(repeating: 1)
        let delta = average - x
        let square = delta * delta
        let newM = beta1 * m + (one - beta1) * delta
        let newV: SIMD16<Float>
        switch rule {
        case .adagrad: newV = v + square
        case .adam: newV = beta2 * v + (one - beta2) * square
        case .yogi:
            let gap = v - square
            let zero = SIMD16<Float>()
            let sign = zero.replacing(with: one, where: gap .> zero).replacing(with: -one, where: gap .< zero)
            newV = v - (one - beta2) * square * sign
        }
        return (x + eta * newM / (Kernels.squareRoot(newV) + tau), newM, newV)
    }

    @inline(__always)
    private static func load(_ p: UnsafePointer<Float>) -> SIMD16<Float> {
        UnsafeRawPointer(p).loadUnaligned(as: SIMD16<Float>.self)
    }

    @inline(__always)
    private static func load(_ p: UnsafeMutablePointer<Float>) -> SIMD16<Float> {
        UnsafeRawPointer(p).loadUnaligned(as: SIMD16<Float>.self)
    }

    @inline(__always)
    private static func store(_ value: SIMD16<Float>, _ p: UnsafeMutablePointer<Float>) {
        UnsafeMutableRawPointer(p).storeBytes(of: value, as: SIMD16<Float>.self)
    }
}
