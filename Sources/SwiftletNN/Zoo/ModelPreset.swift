import SwiftletTensor

/// The model zoo: named architectures with exact, tested parameter counts.
///
/// Each preset builds a fresh ``Sequential`` with PyTorch's layouts and initialisation, so weights move
/// between Swiftlet and PyTorch through safetensors (see `bench/peers/torch_models.py` for the twins).
public enum ModelPreset: String, CaseIterable, Sendable, Codable {
    /// The MNIST CNN of McMahan et al., "Communication-Efficient Learning of Deep Networks from Decentralized
    /// Data" (AISTATS 2017): conv5×5-32 (padding 2), ReLU, max-pool 2, conv5×5-64 (padding 2), ReLU,
    /// max-pool 2, fc-512, ReLU, fc-10. 1,663,370 parameters.
    case cnn
    /// The MNIST multilayer perceptron of McMahan et al. 2017: 784-200-200-10 with ReLU. 199,210 parameters.
    case twoNN = "2nn"
    /// LeNet-5 (LeCun et al. 1998) in its usual modern form: conv5×5-6 (padding 2), ReLU, max-pool 2,
    /// conv5×5-16, ReLU, max-pool 2, fc-120, ReLU, fc-84, ReLU, fc-10. 61,706 parameters.
    case lenet5
    /// LEAF's Shakespeare next-character model (Caldas et al. 2018): embedding 8 over 80 symbols, two LSTM
    /// layers of 256, fc-80, over 80-character windows. One bias per LSTM gate set as in LEAF's TensorFlow
    /// model (PyTorch's two biases sum to it). 817,872 parameters.
    case charlstm
    /// A depthwise-separable CNN for keyword spotting on 49×40 log-mel features (1 s of audio, 20 ms hop),
    /// after Zhang et al., "Hello Edge: Keyword Spotting on Microcontrollers" (2017), sized for
    /// microcontrollers: 12 classes (10 words, silence, unknown). 8,332 parameters.
    case kws
    /// A multilayer perceptron for tabular features: 64-64-10 with ReLU (sized for the 8×8 digits). 4,810 parameters.
    case mlp
    /// Multinomial logistic regression: 64 features to 10 classes. 650 parameters.
    case logreg

    /// The per-sample input shape.
    public var inputShape: [Int] {
        switch self {
        case .cnn, .twoNN, .lenet5: return [1, 28, 28]
        case .charlstm: return [80]
        case .kws: return [1, 49, 40]
        case .mlp, .logreg: return [64]
        }
    }

    /// The number of output classes.
    public var classCount: Int {
        switch self {
        case .cnn, .twoNN, .lenet5, .mlp, .logreg: return 10
        case .charlstm: return 80
        case .kws: return 12
        }
    }

    /// The exact number of parameters the preset has.
    public var parameterCount: Int {
        switch self {
        case .cnn: return 1_663_370
        case .twoNN: return 199_210
        case .lenet5: return 61_706
        case .charlstm: return 817_872
        case .kws: return 8_332
        case .mlp: return 4_810
        case .logreg: return 650
        }
    }

    /// Fresh, unbuilt layers for the preset, with its own ``classCount`` outputs.
    public func makeLayers() -> [any Layer] { makeLayers(classCount: classCount) }

    /// Fresh, unbuilt layers for the preset whose last layer has `classCount` outputs (62 for FEMNIST, say).
    ///
    /// Only the output layer changes: with the preset's own class count the layers — and so the parameters
    /// drawn from a seed — are exactly those of ``makeLayers()``.
    public func makeLayers(classCount: Int) -> [any Layer] {
        switch self {
        case .cnn:
            return [
                Conv2D(outChannels: 32, kernelSize: 5, padding: 2, name: "conv1"), ReLU(name: "relu1"),
                MaxPool2D(kernelSize: 2, name: "pool1"),
                Conv2D(outChannels: 64, kernelSize: 5, padding: 2, name: "conv2"), ReLU(name: "relu2"),
                MaxPool2D(kernelSize: 2, name: "pool2"),
                Flatten(name: "flatten"),
                Dense(512, name: "fc1"), ReLU(name: "relu3"),
                Dense(classCount, name: "fc2"),
            ]
        case .twoNN:
            return [
                Flatten(name: "flatten"),
                Dense(200, name: "fc1"), ReLU(name: "relu1"),
                Dense(200, name: "fc2"), ReLU(name: "relu2"),
                Dense(classCount, name: "fc3"),
            ]
        case .lenet5:
            return [
                Conv2D(outChannels: 6, kernelSize: 5, padding: 2, name: "conv1"), ReLU(name: "relu1"),
                MaxPool2D(kernelSize: 2, name: "pool1"),
                Conv2D(outChannels: 16, kernelSize: 5, name: "conv2"), ReLU(name: "relu2"),
                MaxPool2D(kernelSize: 2, name: "pool2"),
                Flatten(name: "flatten"),
                Dense(120, name: "fc1"), ReLU(name: "relu3"),
                Dense(84, name: "fc2"), ReLU(name: "relu4"),
                Dense(classCount, name: "fc3"),
            ]
        case .charlstm:
            return [
                Embedding(vocabularySize: 80, dimensions: 8, name: "embedding"),
                LSTM(hiddenSize: 256, returnSequences: true, name: "lstm1"),
                LSTM(hiddenSize: 256, returnSequences: false, name: "lstm2"),
                Dense(classCount, name: "fc"),
            ]
        case .kws:
            return [
                Conv2D(outChannels: 32, kernelSize: 3, stride: 2, padding: 1, name: "conv1"), ReLU(name: "relu1"),
                DepthwiseConv2D(kernelSize: 3, padding: 1, name: "dw1"), ReLU(name: "relu2"),
                Conv2D(outChannels: 64, kernelSize: 1, name: "pw1"), ReLU(name: "relu3"),
                MaxPool2D(kernelSize: 2, name: "pool1"),
                DepthwiseConv2D(kernelSize: 3, padding: 1, name: "dw2"), ReLU(name: "relu4"),
                Conv2D(outChannels: 64, kernelSize: 1, name: "pw2"), ReLU(name: "relu5"),
                GlobalAvgPool(name: "gap"),
                Dense(classCount, name: "fc"),
            ]
        case .mlp:
            return [Dense(64, name: "fc1"), ReLU(name: "relu1"), Dense(classCount, name: "fc2")]
        case .logreg:
            return [Dense(classCount, name: "fc")]
        }
    }
}

extension Sequential {
    /// Builds a zoo model with parameters initialised from `seed`.
    public convenience init(preset: ModelPreset, seed: UInt64 = 0, pool: ComputePool = .serial) throws(ModelError) {
        try self.init(inputShape: preset.inputShape, layers: preset.makeLayers(), seed: seed, pool: pool)
    }

    /// Builds a zoo architecture for another input shape or class count: `cnn`/`lenet5`/`2nn` with 62 outputs
    /// for FEMNIST, `mlp`/`logreg` over any number of features (CSV, Synthetic's 60).
    ///
    /// With the preset's own ``ModelPreset/inputShape`` and ``ModelPreset/classCount`` the model is
    /// bit-identical to ``init(preset:seed:pool:)``'s for the same seed.
    ///
    /// - Throws: ``ModelError`` when a layer cannot take `inputShape` (a convolution given a vector, say) or
    ///   `classCount` is not positive.
    public convenience init(preset: ModelPreset, inputShape: [Int], classCount: Int, seed: UInt64 = 0,
                            pool: ComputePool = .serial) throws(ModelError) {
        try self.init(inputShape: inputShape, layers: preset.makeLayers(classCount: classCount), seed: seed, pool: pool)
    }
}
