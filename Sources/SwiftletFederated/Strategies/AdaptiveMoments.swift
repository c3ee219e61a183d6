import SwiftletTensor

/// The server state of FedAdagrad, FedAdam and FedYogi: first and second moments of the pseudo-gradient.
///
/// Reddi et al., "Adaptive Federated Optimization", ICLR 2021, Algorithm 2. Both moments start at zero when
/// the first round is aggregated, as in Flower (the paper asks for `v₋₁ ≥ τ²`; with `τ > 0` a zero start
/// keeps every denominator `√v + τ` positive). A round whose step would make the model or a moment
/// non-finite throws and leaves the moments as they were, so one bad round cannot poison later ones.
public struct AdaptiveMoments: Sendable, Equatable {
    /// `m`, the moving average of the pseudo-gradients; empty before the first round.
    public private(set) var first: [Float] = []
    /// `v`, the rule's second moment; empty before the first round.
    public private(set) var second: [Float] = []
    /// The number of rounds applied.
    public private(set) var steps = 0

    /// Moments before the first round.
    public init() {}

    /// Moments restored from a checkpoint; the caller has checked them (``restored(from:strategy:)``).
    init(first: [Float], second: [Float], steps: Int) {
        self.first = first
        self.second = second
        self.steps = steps
    }

    /// Applies one step of `rule` from `global` towards the round's `average` and returns the new model.
    ///
    /// - Throws: ``AggregationError/nonFiniteAggregate(strategy:)`` (moments unchanged), or
    ///   ``AggregationError/invalidConfiguration(strategy:reason:)`` when the model's length changed.
    mutating func step(strategy: String, rule: AdaptiveRule, global: [Float], average: [Float],
                       learningRate: Double, beta1: Double, beta2: Double, tau: Double,
                       pool: ComputePool) throws(AggregationError) -> [Float] {
        let count = global.count
        var m = steps == 0 ? [Float](repeating: 0, count: count) : first
        var v = steps == 0 ? [Float](repeating: 0, count: count) : second
        try HyperparameterCheck.stateLength(m.count, model: count, "first moment", strategy: strategy)
        var x = global
        x.withUnsafeMutableBufferPointer { x in
            m.withUnsafeMutableBufferPointer { m in
                v.withUnsafeMutableBufferPointer { v in
                    average.withUnsafeBufferPointer { average in
                        Aggregation.adaptiveStep(rule: rule, average: average.baseAddress!, global: x.baseAddress!,
                                                 firstMoment: m.baseAddress!, secondMoment: v.baseAddress!, count: count,
                                                 learningRate: Float(learningRate), beta1: Float(beta1),
                                                 beta2: Float(beta2), tau: Float(tau), pool: pool)
                    }
                }
            }
        }
        guard x.allSatisfy(\.isFinite), m.allSatisfy(\.isFinite), v.allSatisfy(\.isFinite) else {
            throw .nonFiniteAggregate(strategy: strategy)
        }
        first = m
        second = v
        steps += 1
        return x
    }
}
