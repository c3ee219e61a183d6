import SwiftletTensor

/// Streams SCAFFOLD's two sums in O(model) memory: `Σ (y_i − x)` and `Σ Δc_i`.
///
/// Karimireddy et al., "SCAFFOLD: Stochastic Controlled Averaging for Federated Learning", ICML 2020. Each
/// ``add(_:)`` folds the node's model delta `y_i − x` and its control-variate delta `Δc_i` (the auxiliary
/// vector ``SCAFFOLD/controlDeltaKey``, which ``SCAFFOLD`` validates) into running sums; the means are
/// unweighted, as in the paper, so example counts play no part.
public final class ScaffoldAggregator: FitAggregator {
    /// The model size.
    public let count: Int
    /// The number of updates added so far.
    public private(set) var updateCount = 0
    let global: [Float]
    let modelDeltaSum: AlignedBuffer
    let controlDeltaSum: AlignedBuffer
    let pool: ComputePool

    /// An empty aggregate for a round whose global model is `global`.
    public init(global: [Float], pool: ComputePool) {
        count = global.count
        self.global = global
        self.pool = pool
        modelDeltaSum = AlignedBuffer(count: global.count)
        controlDeltaSum = AlignedBuffer(count: global.count)
    }

    /// Adds the node's parameters and its control-variate delta.
    public func add(_ update: ClientUpdate) {
        guard let delta = update.auxiliary[SCAFFOLD.controlDeltaKey] else {
            preconditionFailure("ScaffoldAggregator: \(update.node) sent no '\(SCAFFOLD.controlDeltaKey)'; "
                                + "SCAFFOLD.validate rejects such updates")
        }
        add(update.parameters, controlDelta: delta)
    }

    /// Adds model parameters `values` (`y_i`) and control-variate delta `controlDelta` (`Δc_i`).
    public func add(_ values: [Float], controlDelta: [Float]) {
        precondition(values.count == count && controlDelta.count == count,
                     "ScaffoldAggregator: \(values.count) values and \(controlDelta.count) control deltas, expected \(count)")
        // The squared distance the shared pass also returns is q-FedAvg's, not SCAFFOLD's.
        _ = global.withUnsafeBufferPointer { x in
            values.withUnsafeBufferPointer { y in
                Aggregation.accumulateDifference(y.baseAddress!, minus: x.baseAddress!, scale: 1,
                                                 into: modelDeltaSum.baseAddress, count: count, pool: pool)
            }
        }
        controlDelta.withUnsafeBufferPointer { d in
            Aggregation.accumulate(weight: 1, values: d.baseAddress!, into: controlDeltaSum.baseAddress, count: count, pool: pool)
        }
        updateCount += 1
    }
}
