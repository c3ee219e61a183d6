import SwiftletTensor

/// Group normalisation of channels-first samples `[C, …]`: the channels are split into `groups` groups,
/// each normalised over its channels and positions, then scaled and shifted per channel. PyTorch's
/// `nn.GroupNorm(groups, C)` (Wu & He, "Group Normalization", ECCV 2018).
///
/// The per-sample statistics make it independent of the batch, unlike batch normalisation, which behaves
/// badly when clients hold non-IID data (Hsieh et al., "The Non-IID Data Quagmire of Decentralized Machine
/// Learning", ICML 2020). Parameters `weight [C]` (initialised to 1) and `bias [C]` (to 0); per-group mean
/// and inverse standard deviation are kept in the saved buffer; backward reads the input.
public final class GroupNorm: Layer {
    public var name: String
    /// The number of channel groups; the channel count must be divisible by it.
    public let groups: Int
    /// The constant added to the variance before the square root.
    public let epsilon: Float
    private var channels = 0
    private var spatial = 0
    private var weight = UnsafeMutablePointer<Float>(bitPattern: 64)!
    private var bias = UnsafeMutablePointer<Float>(bitPattern: 64)!
    private var weightGradient: UnsafeMutablePointer<Float>?
    private var biasGradient: UnsafeMutablePointer<Float>?
    private var statistics: UnsafeMutablePointer<Float>?
    private var capacity = 0

    /// Creates the layer; `groups` must divide the channel count (checked when the model is built).
    public init(groups: Int, epsilon: Float = 1e-5, name: String = "groupnorm") {
        self.groups = groups
        self.epsilon = epsilon
        self.name = name
    }

    public var summary: String { "GroupNorm(\(groups) groups, \(channels) channels)" }

    public func build(inputShape: [Int]) throws(ModelError) -> [Int] {
        guard groups > 0 else {
            throw .invalidConfiguration(layer: name, reason: "groups must be positive, got \(groups)")
        }
        guard epsilon > 0 && epsilon.isFinite else {
            throw .invalidConfiguration(layer: name, reason: "epsilon must be positive and finite, got \(epsilon)")
        }
        guard let first = inputShape.first, first > 0 else {
            throw .shapeMismatch(layer: name, expected: "[channels, …] with channels > 0", actual: inputShape)
        }
        guard first % groups == 0 else {
            throw .invalidConfiguration(layer: name, reason: "\(first) channels cannot be split into \(groups) equal groups")
        }
        channels = first
        spatial = inputShape.dropFirst().reduce(1, *)
        return inputShape
    }

    public var parameterSpecs: [ParameterSpec] {
        [ParameterSpec(name: "weight", shape: [channels], role: .normalization),
         ParameterSpec(name: "bias", shape: [channels], role: .bias)]
    }

    public func initializeParameters(_ parameters: UnsafeMutableBufferPointer<Float>, generator: inout SeededGenerator) {
        for i in 0..<channels { parameters[i] = 1 }
        for i in channels..<(2 * channels) { parameters[i] = 0 }
    }

    public func bind(parameters: UnsafeMutablePointer<Float>, gradients: [UnsafeMutablePointer<Float>?]) {
        weight = parameters
        bias = parameters + channels
        weightGradient = gradients[0]
        biasGradient = gradients[1]
    }

    public func backwardNeeds(inputGradient: Bool) -> BackwardNeeds {
        BackwardNeeds(input: inputGradient || weightGradient != nil, output: false)
    }

    public func memory(capacity: Int, training: Bool) -> LayerMemory {
        LayerMemory(saved: training ? 2 * capacity * groups : 0)
    }

    public func prepare(capacity: Int, saved: UnsafeMutablePointer<Float>?) {
        self.capacity = capacity
        statistics = saved
    }

    public func forward(_ input: UnsafePointer<Float>, _ output: UnsafeMutablePointer<Float>, batchSize: Int, context: LayerContext) {
        Kernels.groupNormForward(input, output, samples: batchSize, channels: channels, spatial: spatial, groups: groups,
                                 weight: weight, bias: bias, epsilon: epsilon,
                                 mean: statistics, inverseStandardDeviation: statistics.map { $0 + capacity * groups })
    }

    public func backward(
        input: UnsafePointer<Float>?, output: UnsafePointer<Float>?,
        outputGradient: UnsafeMutablePointer<Float>, inputGradient: UnsafeMutablePointer<Float>?,
        batchSize: Int, context: LayerContext
    ) {
        guard let input, let statistics else {
            // Only the bias is trained and no input gradient is wanted: Σ dy per channel needs no input.
            if let biasGradient {
                biasGradient.update(repeating: 0, count: channels)
                for s in 0..<batchSize {
                    for c in 0..<channels {
                        let row = outputGradient + (s * channels + c) * spatial
                        for p in 0..<spatial { biasGradient[c] += row[p] }
                    }
                }
            }
            return
        }
        Kernels.groupNormBackward(input: input, outputGradient: outputGradient, inputGradient: inputGradient,
                                  samples: batchSize, channels: channels, spatial: spatial, groups: groups, weight: weight,
                                  mean: statistics, inverseStandardDeviation: statistics + capacity * groups,
                                  weightGradient: weightGradient, biasGradient: biasGradient)
    }
}

extension GroupNorm {
    /// Per normalised value, as ``LayerNorm``: forward 7 FLOPs, input gradient 8, parameter gradients 3;
    /// mean and inverse deviation are saved per group.
    public func cost(batchSize: Int) -> LayerCost {
        let rows = batchSize * groups, values = batchSize * channels * spatial
        return LayerCost(
            forward: .floats(flops: 7 * values, read: values + 2 * channels, written: values + 2 * rows),
            inputGradient: .floats(flops: 8 * values, read: 2 * values + channels + 2 * rows, written: values),
            parameterGradient: .floats(flops: 3 * values, read: 2 * values + 2 * rows, written: 2 * channels))
    }
}
