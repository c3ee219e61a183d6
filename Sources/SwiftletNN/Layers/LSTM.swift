import SwiftletTensor

/// A long short-term memory layer over sequences `[T, F]` (Hochreiter & Schmidhuber, "Long Short-Term
/// Memory", Neural Computation 1997; forget gate as in Gers et al. 2000), trained by full backpropagation
/// through time.
///
/// Output: every hidden state `[T, H]`, or only the last `[H]` when `returnSequences` is false. The state
/// starts at zero for every sample. Parameters use PyTorch's layout and gate order (i, f, g, o):
/// `weight_ih [4H, F]`, `weight_hh [4H, H]`, and a single `bias [4H]` as in TensorFlow and LEAF — PyTorch's
/// `bias_ih + bias_hh` is the equivalent. All are initialised from U(−1/√H, 1/√H), as PyTorch.
///
/// The input projection of all time steps is one matrix product (`[B·T, F] × W_ihᵀ`); each step then adds
/// `h₋₁ × W_hhᵀ` for the whole batch, reading a copy of `W_hhᵀ` laid out once per pass in the workspace
/// (`4H·H` floats) so the product does not re-pack a transpose at every step. The activated gates and cell
/// states of every step are kept in the saved buffer (`4H + H` floats per step and sample, plus the hidden
/// states when the output holds only the last one); backward overwrites the gates with their gradients,
/// then forms the weight and input gradients with products over all steps.
public final class LSTM: Layer {
    public var name: String
    /// The size H of the hidden and cell states.
    public let hiddenSize: Int
    /// Whether the output is every step's hidden state (`[T, H]`) or only the last (`[H]`).
    public let returnSequences: Bool
    private(set) var steps = 0
    private(set) var features = 0
    var weightIH = UnsafeMutablePointer<Float>(bitPattern: 64)!
    var weightHH = UnsafeMutablePointer<Float>(bitPattern: 64)!
    var bias = UnsafeMutablePointer<Float>(bitPattern: 64)!
    var weightIHGradient: UnsafeMutablePointer<Float>?
    var weightHHGradient: UnsafeMutablePointer<Float>?
    var biasGradient: UnsafeMutablePointer<Float>?
    /// Gates, cells and (without `returnSequences`) hidden states for `capacity` samples, or nil when the
    /// layer is not trained and keeps its state in the workspace instead.
    var saved: UnsafeMutablePointer<Float>?
    var capacity = 0
    /// ``gemmScratch(capacity:)`` for the prepared capacity, computed once (it builds an array).
    var scratchOffset = 0

    /// Creates a layer with `hiddenSize` units.
    public init(hiddenSize: Int, returnSequences: Bool = true, name: String = "lstm") {
        self.hiddenSize = hiddenSize
        self.returnSequences = returnSequences
        self.name = name
    }

    public var summary: String {
        "LSTM(\(features) → \(hiddenSize)\(returnSequences ? ", sequences" : ", last step"))"
    }

    public func build(inputShape: [Int]) throws(ModelError) -> [Int] {
        guard hiddenSize > 0 else {
            throw .invalidConfiguration(layer: name, reason: "hidden size must be positive, got \(hiddenSize)")
        }
        guard inputShape.count == 2, inputShape[0] > 0, inputShape[1] > 0 else {
            throw .shapeMismatch(layer: name, expected: "[steps, features]", actual: inputShape)
        }
        steps = inputShape[0]
        features = inputShape[1]
        return returnSequences ? [steps, hiddenSize] : [hiddenSize]
    }

    public var parameterSpecs: [ParameterSpec] {
        [ParameterSpec(name: "weight_ih", shape: [4 * hiddenSize, features], role: .weight),
         ParameterSpec(name: "weight_hh", shape: [4 * hiddenSize, hiddenSize], role: .weight),
         ParameterSpec(name: "bias", shape: [4 * hiddenSize], role: .bias)]
    }

    public func initializeParameters(_ parameters: UnsafeMutableBufferPointer<Float>, generator: inout SeededGenerator) {
        let bound = 1 / Float(hiddenSize).squareRoot()
        for i in parameters.indices { parameters[i] = generator.nextFloat(in: -bound...bound) }
    }

    public func bind(parameters: UnsafeMutablePointer<Float>, gradients: [UnsafeMutablePointer<Float>?]) {
        weightIH = parameters
        weightHH = parameters + 4 * hiddenSize * features
        bias = weightHH + 4 * hiddenSize * hiddenSize
        weightIHGradient = gradients[0]
        weightHHGradient = gradients[1]
        biasGradient = gradients[2]
    }

    public func backwardNeeds(inputGradient: Bool) -> BackwardNeeds {
        // With returnSequences the hidden states are the output, which the model keeps for us.
        BackwardNeeds(input: weightIHGradient != nil, output: returnSequences)
    }

    /// Floats of per-step state for `capacity` samples: gates, cells, and hidden states unless they are the output.
    func stateCount(capacity: Int) -> Int {
        capacity * steps * hiddenSize * (returnSequences ? 5 : 6)
    }

    /// Scratch for matrix products at the front of the workspace: the most any of the layer's products
    /// needs, times 8 for the pool's threads (as Dense allows).
    func gemmScratch(capacity: Int) -> Int {
        let h = hiddenSize, g4 = 4 * hiddenSize, rows = capacity * steps
        let shapes = [(rows, g4, features), (capacity, g4, h), (capacity, h, g4),
                      (g4, features, rows), (g4, h, steps - 1), (rows, features, g4)]
        return 8 * shapes.map { Kernels.gemmWorkspaceCount(m: $0.0, n: $0.1, k: $0.2) }.max()!
    }

    public func memory(capacity: Int, training: Bool) -> LayerMemory {
        // After the product scratch: the transposed recurrent weights during forward, or the [B, H] cell
        // gradient during backward (never both at once); inference also keeps the state there.
        let gemm = gemmScratch(capacity: capacity)
        let transposed = 4 * hiddenSize * hiddenSize
        return training
            ? LayerMemory(saved: stateCount(capacity: capacity), workspace: gemm + Swift.max(transposed, capacity * hiddenSize))
            : LayerMemory(saved: 0, workspace: gemm + transposed + stateCount(capacity: capacity))
    }

    public func prepare(capacity: Int, saved: UnsafeMutablePointer<Float>?) {
        self.capacity = capacity
        self.saved = saved
        scratchOffset = gemmScratch(capacity: capacity)
    }

    /// Pointers into the state (saved buffer or workspace): gates `[B, T, 4H]`, cells `[B, T, H]`, and
    /// hidden states `[B, T, H]` (the output itself when `returnSequences`).
    func state(context: LayerContext, output: UnsafeMutablePointer<Float>?) -> (gates: UnsafeMutablePointer<Float>,
                                                                                 cells: UnsafeMutablePointer<Float>,
                                                                                 hidden: UnsafeMutablePointer<Float>) {
        let base = saved ?? (context.workspace + scratchOffset + 4 * hiddenSize * hiddenSize)
        let gates = base
        let cells = gates + capacity * steps * 4 * hiddenSize
        let hidden = returnSequences ? output! : cells + capacity * steps * hiddenSize
        return (gates, cells, hidden)
    }

    public func forward(_ input: UnsafePointer<Float>, _ output: UnsafeMutablePointer<Float>, batchSize: Int, context: LayerContext) {
        let h = hiddenSize, g4 = 4 * hiddenSize, t = steps
        let (gates, cells, hidden) = state(context: context, output: output)
        let rows = batchSize * t
        // All steps' input projections at once: gates = bias + X · W_ihᵀ.
        for r in 0..<rows { (gates + r * g4).update(from: bias, count: g4) }
        context.pool.gemm(transA: false, transB: true, m: rows, n: g4, k: features, alpha: 1,
                          a: input, lda: features, b: weightIH, ldb: features, beta: 1,
                          c: gates, ldc: g4, workspace: context.workspace)
        // W_hhᵀ laid out once, so each step's product reads it in place instead of re-packing a transpose
        // (with the packed GEMM, re-packing 4H × H per step cost as much as the products themselves).
        let recurrent = context.workspace + scratchOffset
        if t > 1 { Kernels.transpose(weightHH, rows: g4, columns: h, into: recurrent) }
        for step in 0..<t {
            if step > 0 {
                // gates[:, step] += h[:, step − 1] · W_hhᵀ, rows strided by T in the batch-major layout.
                context.pool.gemm(transA: false, transB: false, m: batchSize, n: g4, k: h, alpha: 1,
                                  a: hidden + (step - 1) * h, lda: t * h, b: recurrent, ldb: g4, beta: 1,
                                  c: gates + step * g4, ldc: t * g4, workspace: context.workspace)
            }
            for b in 0..<batchSize {
                let row = b * t + step
                Kernels.lstmCellForward(gates: gates + row * g4,
                                        previousCell: step > 0 ? UnsafePointer(cells + (row - 1) * h) : nil,
                                        cell: cells + row * h, hidden: hidden + row * h, hiddenSize: h)
            }
        }
        if !returnSequences {
            for b in 0..<batchSize { (output + b * h).update(from: hidden + (b * t + t - 1) * h, count: h) }
        }
    }
}

extension LSTM {
    /// Per step and sample, with `F` features and `H` hidden units: forward `8H(F + H)` FLOPs for the two
    /// gate products, `4H` for the bias and `15H` for the gates (three sigmoids at 3 FLOPs, one tanh, the cell
    /// update `f·c + i·g` and `o·tanh(c)`). Backward through time — needed for the weights even without an
    /// input gradient, so it is counted with the parameter gradient — costs `8H·H` for the recurrent
    /// gradient, about `20H` for the gate derivatives, `8H(F + H)` for the weight gradients and `4H` for the
    /// bias; the input gradient is one more product, `8H·F`. The gates and cells (`5H` values) are saved.
    public func cost(batchSize: Int) -> LayerCost {
        let h = hiddenSize, f = features, n = batchSize * steps
        let weights = 4 * h * (f + h) + 4 * h
        let outputs = returnSequences ? n * h : batchSize * h
        return LayerCost(
            forward: .floats(flops: n * (8 * h * (f + h) + 19 * h), read: n * f + weights, written: outputs + n * 5 * h),
            inputGradient: .floats(flops: n * 8 * h * f, read: n * 4 * h + 4 * h * f, written: n * f),
            parameterGradient: .floats(flops: n * (8 * h * h + 20 * h + 8 * h * (f + h) + 4 * h),
                                       read: n * 5 * h + outputs + n * f + 4 * h * h, written: weights))
    }
}
