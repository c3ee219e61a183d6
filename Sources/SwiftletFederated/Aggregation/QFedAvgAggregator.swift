import SwiftletTensor

/// Streams q-FedAvg's sums `Σ_k Δ_k` and `Σ_k h_k` in O(model) memory, one update at a time.
///
/// Li et al., "Fair Resource Allocation in Federated Learning", ICLR 2020. Each ``add(_:)`` reads the update
/// once: it folds `L F_k^q (x − w_k)` into a running vector and measures `‖x − w_k‖²` in the same pass
/// (``Aggregation/accumulateDifference(_:minus:scale:into:count:pool:)``), then adds the client's `h_k`
/// (``Aggregation/qFedAvgCurvature(loss:q:lipschitz:squaredDistance:)``). ``step()`` returns
/// `x − Σ Δ_k / Σ h_k`. `F_k` is the metric ``QFedAvg/initialLossMetric`` that ``QFedAvg`` validates.
public final class QFedAvgAggregator: FitAggregator {
    /// The model size.
    public let count: Int
    /// The fairness exponent `q`.
    public let q: Double
    /// `L`, the inverse of q-FedAvg's learning rate.
    public let lipschitz: Double
    /// The sum of the `h_k` added so far.
    public private(set) var curvatureSum = 0.0
    /// The number of updates added so far.
    public private(set) var updateCount = 0
    let global: [Float]
    let deltaSum: AlignedBuffer
    let pool: ComputePool

    /// An empty aggregate for a round whose global model is `global`.
    public init(global: [Float], q: Double, learningRate: Double, pool: ComputePool) {
        count = global.count
        self.global = global
        self.q = q
        lipschitz = 1 / learningRate
        self.pool = pool
        deltaSum = AlignedBuffer(count: global.count)
    }

    /// Adds `update.parameters` with its reported loss on the global model.
    public func add(_ update: ClientUpdate) {
        guard let loss = update.metrics.scalar(QFedAvg.initialLossMetric) else {
            preconditionFailure("QFedAvgAggregator: \(update.node) reported no '\(QFedAvg.initialLossMetric)'; "
                                + "QFedAvg.validate rejects such updates")
        }
        add(update.parameters, loss: loss)
    }

    /// Adds client parameters `values` whose loss on the global model was `loss`.
    public func add(_ values: [Float], loss: Double) {
        precondition(values.count == count, "QFedAvgAggregator: \(values.count) values, expected \(count)")
        let scale = Aggregation.qFedAvgDeltaScale(loss: loss, q: q, lipschitz: lipschitz)
        let squares = global.withUnsafeBufferPointer { x in
            values.withUnsafeBufferPointer { w in
                Aggregation.accumulateDifference(x.baseAddress!, minus: w.baseAddress!, scale: Float(scale),
                                                 into: deltaSum.baseAddress, count: count, pool: pool)
            }
        }
        curvatureSum += Aggregation.qFedAvgCurvature(loss: loss, q: q, lipschitz: lipschitz, squaredDistance: squares)
        updateCount += 1
    }

    /// The new global model `x − Σ Δ_k / Σ h_k`, or `nil` when nothing was added.
    public func step() -> [Float]? {
        guard updateCount > 0 else { return nil }
        let scale = Float(-1 / curvatureSum)
        var result = global
        result.withUnsafeMutableBufferPointer { x in
            let destination = x.baseAddress!
            pool.parallelChunks(count, alignment: 16, workPerItem: 2) { _, range in
                Kernels.axpy(range.count, scale, deltaSum.baseAddress + range.lowerBound, destination + range.lowerBound)
            }
        }
        return result
    }
}
