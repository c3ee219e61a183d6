import SwiftletTensor

extension LSTM {
    /// Backpropagation through time over all steps, last to first.
    ///
    /// Each step turns ∂L/∂h (from the output and from the next step) and ∂L/∂c into gate gradients, which
    /// overwrite the saved gates; `dgates · W_hh` then flows into the previous step's ∂L/∂h. With
    /// `returnSequences` that sum accumulates in place in `outputGradient` (the layer may overwrite it);
    /// otherwise `outputGradient` (`[B, H]`) is reused as the running ∂L/∂h. Weight, bias and input
    /// gradients are products over all steps at the end.
    public func backward(
        input: UnsafePointer<Float>?, output: UnsafePointer<Float>?,
        outputGradient: UnsafeMutablePointer<Float>, inputGradient: UnsafeMutablePointer<Float>?,
        batchSize: Int, context: LayerContext
    ) {
        guard saved != nil else { return }
        let h = hiddenSize, g4 = 4 * hiddenSize, t = steps, rows = batchSize * steps
        let (gates, cells, hidden) = state(context: context, output: output.map { UnsafeMutablePointer(mutating: $0) })
        let cellGradient = context.workspace + scratchOffset
        cellGradient.update(repeating: 0, count: batchSize * h)
        let dhStride = returnSequences ? t * h : h

        for step in stride(from: t - 1, through: 0, by: -1) {
            let dh = returnSequences ? outputGradient + step * h : outputGradient
            for b in 0..<batchSize {
                let row = b * t + step
                Kernels.lstmCellBackward(gates: gates + row * g4, cell: cells + row * h,
                                         previousCell: step > 0 ? UnsafePointer(cells + (row - 1) * h) : nil,
                                         hiddenGradient: dh + b * dhStride, cellGradient: cellGradient + b * h, hiddenSize: h)
            }
            guard step > 0 else { break }
            // ∂L/∂h[step − 1] (+)= dgates[step] · W_hh.
            context.pool.gemm(transA: false, transB: false, m: batchSize, n: h, k: g4, alpha: 1,
                              a: gates + step * g4, lda: t * g4, b: weightHH, ldb: h,
                              beta: returnSequences ? 1 : 0,
                              c: returnSequences ? outputGradient + (step - 1) * h : outputGradient, ldc: dhStride,
                              workspace: context.workspace)
        }

        if let biasGradient {
            Kernels.sumRows(gates, rows: rows, columns: g4, into: biasGradient)
        }
        if let weightIHGradient, let input {
            context.pool.gemm(transA: true, transB: false, m: g4, n: features, k: rows, alpha: 1,
                              a: gates, lda: g4, b: input, ldb: features, beta: 0,
                              c: weightIHGradient, ldc: features, workspace: context.workspace)
        }
        if let weightHHGradient {
            weightHHGradient.update(repeating: 0, count: g4 * h)
            if t > 1 {
                // Σ over steps ≥ 1 of dgates[step]ᵀ · h[step − 1], one product per sample, in sample order.
                for b in 0..<batchSize {
                    context.pool.gemm(transA: true, transB: false, m: g4, n: h, k: t - 1, alpha: 1,
                                      a: gates + (b * t + 1) * g4, lda: g4, b: hidden + b * t * h, ldb: h, beta: 1,
                                      c: weightHHGradient, ldc: h, workspace: context.workspace)
                }
            }
        }
        if let inputGradient {
            context.pool.gemm(transA: false, transB: false, m: rows, n: features, k: g4, alpha: 1,
                              a: gates, lda: g4, b: weightIH, ldb: features, beta: 0,
                              c: inputGradient, ldc: features, workspace: context.workspace)
        }
    }
}
