import SwiftletTensor

/// The state Adam and AdamW share: first and second moments per trainable parameter and the step count.
///
/// Allocated once, on the first update, sized to the trainable parameters; re-allocated only if the
/// trainable set changes size (a new mask). Bias corrections use powers of β kept in `Double` and multiplied
/// once per step, as PyTorch computes `1 − βᵗ` in double precision.
struct AdamMoments {
    private var first: AlignedBuffer?
    private var second: AlignedBuffer?
    private(set) var step = 0
    private var beta1Power = 1.0
    private var beta2Power = 1.0

    mutating func reset() {
        first = nil
        second = nil
        step = 0
        beta1Power = 1
        beta2Power = 1
    }

    /// Applies one step to every segment; `l2` is coupled decay (Adam), `decoupled` is ηλ (AdamW).
    mutating func update(
        parameters: UnsafeMutablePointer<Float>, gradients: UnsafeMutablePointer<Float>, segments: [ParameterSegment],
        learningRate: Float, beta1: Float, beta2: Float, epsilon: Float, l2: Float, decoupled: Float
    ) {
        var total = 0
        for segment in segments { total = max(total, segment.gradientOffset + segment.count) }
        if first == nil || first!.count != total {
            first = AlignedBuffer(count: total)
            second = AlignedBuffer(count: total)
            step = 0
            beta1Power = 1
            beta2Power = 1
        }
        guard let first, let second else { return }
        step += 1
        beta1Power *= Double(beta1)
        beta2Power *= Double(beta2)
        let stepSize = Float(Double(learningRate) / (1 - beta1Power))
        let inverseRootCorrection2 = Float(1 / (1 - beta2Power).squareRoot())
        for segment in segments {
            Kernels.adamUpdate(
                segment.count,
                parameters: parameters + segment.parameterOffset, gradients: gradients + segment.gradientOffset,
                firstMoment: first.baseAddress + segment.gradientOffset,
                secondMoment: second.baseAddress + segment.gradientOffset,
                beta1: beta1, beta2: beta2, stepSize: stepSize, inverseRootCorrection2: inverseRootCorrection2,
                epsilon: epsilon, l2: l2, decay: 1 - decoupled)
        }
    }
}
