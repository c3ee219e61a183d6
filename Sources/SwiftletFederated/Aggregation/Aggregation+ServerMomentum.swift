import SwiftletTensor

extension Aggregation {
    /// One server step of FedAvgM (SGD with momentum on the pseudo-gradient), in place over raw buffers.
    ///
    /// Hsu, Qi, Brown, "Measuring the Effects of Non-Identical Data Distribution for Federated Visual
    /// Classification", 2019. For every coordinate, with `Δ = x − average` (the global model minus the mean
    /// client model, pointing like a gradient):
    ///
    ///     v ← β v + Δ
    ///     x ← x − η v
    ///
    /// This is PyTorch's SGD momentum convention, as Flower's FedAvgM uses: starting from `v = 0`, the first
    /// round's velocity is exactly `Δ`. With `β = 0` and `η = 1` the step returns the plain average (up to
    /// rounding). Coordinates are independent, so the result does not depend on `pool`'s thread count.
    public static func momentumStep(average: UnsafePointer<Float>, global x: UnsafeMutablePointer<Float>,
                                    velocity v: UnsafeMutablePointer<Float>, count: Int,
                                    learningRate eta: Float, momentum beta: Float, pool: ComputePool = .serial) {
        pool.parallelChunks(count, alignment: 16, workPerItem: 4) { _, range in
            for i in range {
                let velocity = beta * v[i] + (x[i] - average[i])
                v[i] = velocity
                x[i] -= eta * velocity
            }
        }
    }
}
