import SwiftletTensor

/// Layer normalisation over the last dimension of each sample, with a learned scale and shift of that size:
/// PyTorch's `nn.LayerNorm(lastDimension)` (Ba, Kiros & Hinton, "Layer Normalization", 2016).
///
/// A `[T, D]` sample is normalised row by row over its `D` features. Unlike batch normalisation it uses no
/// statistics across the batch, so it behaves the same on every client whatever its data (batch norm
/// suffers under non-IID federated data: Hsieh et al., "The Non-IID Data Quagmire of Decentralized Machine
/// Learning", ICML 2020). Parameters `weight [D]` (initialised to 1) and `bias [D]` (to 0); the per-row
/// mean and inverse standard deviation are kept in the saved buffer; backward reads the input.
public final class LayerNorm: Layer {
    public var name: String
    /// The constant added to the variance before the square root.
    public let epsilon: Float
    private var features = 0
    private var rowsPerSample = 0
    private var weight = UnsafeMutablePointer<Float>(bitPattern: 64)!
    private var bias = UnsafeMutablePointer<Float>(bitPattern: 64)!
    private var weightGradient: UnsafeMutablePointer<Float>?
    private var biasGradient: UnsafeMutablePointer<Float>?
    private var statistics: UnsafeMutablePointer<Float>?
    private var capacity = 0

    /// Creates the layer; `epsilon` must be positive.
    public init(epsilon: Float = 1e-5, name: String = "layernorm") {
        self.epsilon = epsilon
        self.name = name
    }

    public var summary: String { "LayerNorm(\(features))" }

    public func build(inputShape: [Int]) throws(ModelError) -> [Int] {
        guard epsilon > 0 && epsilon.isFinite else {
            throw .invalidConfiguration(layer: name, reason: "epsilon must be positive and finite, got \(epsilon)")
        }
        guard let last = inputShape.last, last > 0 else {
            throw .shapeMismatch(layer: name, expected: "[…, features] with features > 0", actual: inputShape)
        }
        features = last
        rowsPerSample = inputShape.reduce(1, *) / last
        return inputShape
    }

    public var parameterSpecs: [ParameterSpec] {
        [ParameterSpec(name: "weight", shape: [features], role: .normalization),
         ParameterSpec(name: "bias", shape: [features], role: .bias)]
    }

    public func initializeParameters(_ parameters: UnsafeMutableBufferPointer<Float>, generator: inout SeededGenerator) {
        for i in 0..<features { parameters[i] = 1 }
        for i in features..<(2 * features) { parameters[i] = 0 }
    }

    public func bind(parameters: UnsafeMutablePointer<Float>, gradients: [UnsafeMutablePointer<Float>?]) {
        weight = parameters
        bias = parameters + features
        weightGradient = gradients[0]
        biasGradient = gradients[1]
    }

    public func backwardNeeds(inputGradient: Bool) -> BackwardNeeds {
        BackwardNeeds(input: inputGradient || weightGradient != nil, output: false)
    }

    public func memory(capacity: Int, training: Bool) -> LayerMemory {
        LayerMemory(saved: training ? 2 * capacity * rowsPerSample : 0)
    }

    public func prepare(capacity: Int, saved: UnsafeMutablePointer<Float>?) {
        self.capacity = capacity
        statistics = saved
    }

    public func forward(_ input: UnsafePointer<Float>, _ output: UnsafeMutablePointer<Float>, batchSize: Int, context: LayerContext) {
        Kernels.layerNormForward(input, output, rows: batchSize * rowsPerSample, columns: features,
                                 weight: weight, bias: bias, epsilon: epsilon,
                                 mean: statistics, inverseStandardDeviation: statistics.map { $0 + capacity * rowsPerSample })
    }

    public func backward(
        input: UnsafePointer<Float>?, output: UnsafePointer<Float>?,
        outputGradient: UnsafeMutablePointer<Float>, inputGradient: UnsafeMutablePointer<Float>?,
        batchSize: Int, context: LayerContext
    ) {
        guard let input, let statistics else {
            // Only the bias is trained and no input gradient is wanted: Σ dy needs neither input nor statistics.
            if let biasGradient { Kernels.sumRows(outputGradient, rows: batchSize * rowsPerSample, columns: features, into: biasGradient) }
            return
        }
        Kernels.layerNormBackward(input: input, outputGradient: outputGradient, inputGradient: inputGradient,
                                  rows: batchSize * rowsPerSample, columns: features, weight: weight,
                                  mean: statistics, inverseStandardDeviation: statistics + capacity * rowsPerSample,
                                  weightGradient: weightGradient, biasGradient: biasGradient)
    }
}

extension LayerNorm {
    /// Per normalised value: forward 7 FLOPs (mean, centring, variance, normalising, scale and shift),
    /// input gradient 8 (the two row reductions and the recombination), parameter gradients 3 (`dγ += dy·x̂`,
    /// `dβ += dy`). Per-row constants (one reciprocal square root) are not counted. Mean and inverse deviation
    /// are saved per row.
    public func cost(batchSize: Int) -> LayerCost {
        let rows = batchSize * rowsPerSample, values = rows * features
        return LayerCost(
            forward: .floats(flops: 7 * values, read: values + 2 * features, written: values + 2 * rows),
            inputGradient: .floats(flops: 8 * values, read: 2 * values + features + 2 * rows, written: values),
            parameterGradient: .floats(flops: 3 * values, read: 2 * values + 2 * rows, written: 2 * features))
    }
}
