import SwiftletTensor

/// A fully connected layer: `y = x Wᵀ + b`, with `W` shaped `[outputs, inputs]` as in PyTorch's `nn.Linear`.
///
/// Accepts any input shape and treats it as flat (`[C, H, W]` → `C·H·W` features).
/// Initialisation matches PyTorch: `W, b ~ U(−1/√inputs, 1/√inputs)`.
public final class Dense: Layer {
    public var name: String
    /// The number of output features.
    public let outputs: Int
    /// Whether the layer has a bias.
    public let useBias: Bool
    private(set) var inputs = 0
    private var weight = UnsafeMutablePointer<Float>(bitPattern: 64)!
    private var bias: UnsafeMutablePointer<Float>?
    private var weightGradient: UnsafeMutablePointer<Float>?
    private var biasGradient: UnsafeMutablePointer<Float>?
    /// Whether the last backward pass proved its parameter gradients finite by bounding its operands.
    public private(set) var gradientsProvedFinite = false

    /// Creates a dense layer with `outputs` features.
    public init(_ outputs: Int, bias: Bool = true, name: String = "dense") {
        self.outputs = outputs
        self.useBias = bias
        self.name = name
    }

    public var summary: String { "Dense(\(inputs) → \(outputs)\(useBias ? "" : ", no bias"))" }

    public func build(inputShape: [Int]) throws(ModelError) -> [Int] {
        guard outputs > 0 else { throw .invalidConfiguration(layer: name, reason: "outputs must be positive, got \(outputs)") }
        inputs = inputShape.reduce(1, *)
        guard inputs > 0 else { throw .shapeMismatch(layer: name, expected: "a non-empty input", actual: inputShape) }
        return [outputs]
    }

    public var parameterSpecs: [ParameterSpec] {
        var specs = [ParameterSpec(name: "weight", shape: [outputs, inputs], role: .weight)]
        if useBias { specs.append(ParameterSpec(name: "bias", shape: [outputs], role: .bias)) }
        return specs
    }

    public func initializeParameters(_ parameters: UnsafeMutableBufferPointer<Float>, generator: inout SeededGenerator) {
        let bound = 1 / Float(inputs).squareRoot()
        for i in parameters.indices { parameters[i] = generator.nextFloat(in: -bound...bound) }
    }

    public func bind(parameters: UnsafeMutablePointer<Float>, gradients: [UnsafeMutablePointer<Float>?]) {
        weight = parameters
        bias = useBias ? parameters + outputs * inputs : nil
        weightGradient = gradients[0]
        biasGradient = useBias ? gradients[1] : nil
    }

    public func backwardNeeds(inputGradient: Bool) -> BackwardNeeds {
        BackwardNeeds(input: weightGradient != nil, output: false)
    }

    public func memory(capacity: Int, training: Bool) -> LayerMemory {
        // Packing space for the largest of the three products (forward, weight gradient, input gradient);
        // the plan multiplies it by the pool's thread count.
        let forward = Kernels.gemmWorkspaceCount(m: capacity, n: outputs, k: inputs)
        let weightGradient = Kernels.gemmWorkspaceCount(m: outputs, n: inputs, k: capacity)
        let inputGradient = Kernels.gemmWorkspaceCount(m: capacity, n: inputs, k: outputs)
        return LayerMemory(workspace: Swift.max(forward, weightGradient, inputGradient))
    }

    public func forward(_ input: UnsafePointer<Float>, _ output: UnsafeMutablePointer<Float>, batchSize: Int, context: LayerContext) {
        var beta: Float = 0
        if let bias {
            for s in 0..<batchSize { (output + s * outputs).update(from: bias, count: outputs) }
            beta = 1
        }
        // Blocks of at most 16 samples take GEMM's row-broadcast path, which reads the weight in place; one
        // product over a larger batch would re-pack (transpose) the whole weight on every call. Each output
        // element is the same FMA chain either way, so results do not change.
        let block = Kernels.gemmUsesRowBroadcast(transB: true, m: 16, k: inputs) ? 16 : batchSize
        var start = 0
        while start < batchSize {
            let rows = Swift.min(block, batchSize - start)
            context.pool.gemm(transA: false, transB: true, m: rows, n: outputs, k: inputs, alpha: 1,
                              a: input + start * inputs, lda: inputs, b: weight, ldb: inputs, beta: beta,
                              c: output + start * outputs, ldc: outputs, workspace: context.workspace)
            start += rows
        }
    }

    public func backward(
        input: UnsafePointer<Float>?, output: UnsafePointer<Float>?,
        outputGradient: UnsafeMutablePointer<Float>, inputGradient: UnsafeMutablePointer<Float>?,
        batchSize: Int, context: LayerContext
    ) {
        gradientsProvedFinite = gradientsAreBounded(input: input, outputGradient: outputGradient, batchSize: batchSize)
        if let weightGradient, let input {
            context.pool.gemm(transA: true, transB: false, m: outputs, n: inputs, k: batchSize, alpha: 1,
                              a: outputGradient, lda: outputs, b: input, ldb: inputs, beta: 0,
                              c: weightGradient, ldc: inputs, workspace: context.workspace)
        }
        if let biasGradient {
            Kernels.sumRows(outputGradient, rows: batchSize, columns: outputs, into: biasGradient)
        }
        if let inputGradient {
            context.pool.gemm(transA: false, transB: false, m: batchSize, n: inputs, k: outputs, alpha: 1,
                              a: outputGradient, lda: outputs, b: weight, ldb: inputs, beta: 0,
                              c: inputGradient, ldc: inputs, workspace: context.workspace)
        }
    }

    /// Whether this backward's parameter gradients are certainly finite, from one pass over its operands.
    ///
    /// Every weight-gradient element is a chain of `batchSize` fused multiply–adds of `dy · x`, and every
    /// bias-gradient element a sum of `batchSize` values of `dy`; with finite operands each partial sum is at
    /// most `batchSize · max|dy| · max(max|x|, 1) · (1 + 2⁻²⁴)^batchSize`, and that last factor stays below
    /// e for any batch the model plans. So if the product (itself rounded at most twice) is below a quarter
    /// of the largest float, nothing overflows and, with no infinities, nothing is NaN. This reads
    /// `batchSize · (inputs + outputs)` floats instead of scanning `outputs · inputs` gradients.
    private func gradientsAreBounded(input: UnsafePointer<Float>?, outputGradient: UnsafePointer<Float>, batchSize: Int) -> Bool {
        if weightGradient == nil && biasGradient == nil { return true }  // frozen: nothing to prove
        let dyMax = Kernels.maxMagnitude(outputGradient, count: batchSize * outputs)
        var xMax: Float = 1
        if weightGradient != nil {
            guard let input else { return false }
            xMax = Swift.max(xMax, Kernels.maxMagnitude(input, count: batchSize * inputs))
        }
        return Float(batchSize) * dyMax * xMax <= Float.greatestFiniteMagnitude / 4
    }
}

extension Dense {
    /// `y = x·Wᵀ + b`: `2·B·I·O` FLOPs per pass of the product (one multiply-add per weight per sample), plus
    /// `B·O` for the bias in forward and in its gradient.
    public func cost(batchSize: Int) -> LayerCost {
        let b = batchSize, i = inputs, o = outputs
        let product = 2 * b * i * o
        let biasFLOPs = useBias ? b * o : 0, biasCount = useBias ? o : 0
        return LayerCost(
            forward: .floats(flops: product + biasFLOPs, read: b * i + i * o + biasCount, written: b * o),
            inputGradient: .floats(flops: product, read: b * o + i * o, written: b * i),
            parameterGradient: .floats(flops: product + biasFLOPs, read: b * o + b * i, written: i * o + biasCount))
    }
}
