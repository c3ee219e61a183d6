import SwiftletTensor

/// A depthwise 2-D convolution: each input channel is filtered on its own by `depthMultiplier` kernels
/// (Howard et al., "MobileNets: Efficient Convolutional Neural Networks for Mobile Vision Applications",
/// 2017), as PyTorch's `nn.Conv2d(C, C·mult, k, groups: C)`.
///
/// Weight `[C·mult, 1, k, k]`, bias `[C·mult]`, both from `U(−1/k, 1/k)` (PyTorch's default for a fan-in of
/// `k·k`). Output channel `c·mult + m` filters input channel `c`. There is no reduction across channels, so
/// the layer convolves directly rather than through im2col, and splits work across threads by channel;
/// the weight gradient sums samples in sample order, so results do not depend on the thread count.
public final class DepthwiseConv2D: Layer {
    public var name: String
    /// The side of the square kernel.
    public let kernelSize: Int
    /// The step between windows, in pixels.
    public let stride: Int
    /// Zero padding added on every side.
    public let padding: Int
    /// Output channels per input channel.
    public let depthMultiplier: Int
    /// Whether the layer has a bias.
    public let useBias: Bool
    var geometry = SpatialGeometry()
    private var weight = UnsafeMutablePointer<Float>(bitPattern: 64)!
    private var bias: UnsafeMutablePointer<Float>?
    private var weightGradient: UnsafeMutablePointer<Float>?
    private var biasGradient: UnsafeMutablePointer<Float>?

    /// Creates a depthwise convolution with `depthMultiplier` kernels of size `kernelSize × kernelSize` per channel.
    public init(kernelSize: Int, stride: Int = 1, padding: Int = 0, depthMultiplier: Int = 1, bias: Bool = true,
                name: String = "dwconv") {
        self.kernelSize = kernelSize
        self.stride = stride
        self.padding = padding
        self.depthMultiplier = depthMultiplier
        self.useBias = bias
        self.name = name
    }

    /// The number of output channels, `C · depthMultiplier`.
    public var outChannels: Int { geometry.channels * depthMultiplier }

    public var summary: String {
        "DepthwiseConv2D(\(geometry.channels) → \(outChannels), \(kernelSize)×\(kernelSize), stride \(stride), padding \(padding)\(useBias ? "" : ", no bias"))"
    }

    public func build(inputShape: [Int]) throws(ModelError) -> [Int] {
        guard depthMultiplier > 0 else {
            throw .invalidConfiguration(layer: name, reason: "depth multiplier must be positive, got \(depthMultiplier)")
        }
        geometry = try SpatialGeometry(layer: name, inputShape: inputShape, kernelSize: kernelSize,
                                       stride: stride, padding: padding)
        return [outChannels, geometry.outHeight, geometry.outWidth]
    }

    public var parameterSpecs: [ParameterSpec] {
        var specs = [ParameterSpec(name: "weight", shape: [outChannels, 1, kernelSize, kernelSize], role: .weight)]
        if useBias { specs.append(ParameterSpec(name: "bias", shape: [outChannels], role: .bias)) }
        return specs
    }

    public func initializeParameters(_ parameters: UnsafeMutableBufferPointer<Float>, generator: inout SeededGenerator) {
        let bound = 1 / Float(kernelSize)
        for i in parameters.indices { parameters[i] = generator.nextFloat(in: -bound...bound) }
    }

    public func bind(parameters: UnsafeMutablePointer<Float>, gradients: [UnsafeMutablePointer<Float>?]) {
        weight = parameters
        bias = useBias ? parameters + outChannels * kernelSize * kernelSize : nil
        weightGradient = gradients[0]
        biasGradient = useBias ? gradients[1] : nil
    }

    public func backwardNeeds(inputGradient: Bool) -> BackwardNeeds {
        BackwardNeeds(input: weightGradient != nil, output: false)
    }

    public func forward(_ input: UnsafePointer<Float>, _ output: UnsafeMutablePointer<Float>, batchSize: Int, context: LayerContext) {
        let g = geometry
        let taps = kernelSize * kernelSize
        let outPlane = g.outputPlane
        let outSize = outChannels * outPlane
        context.pool.parallelChunks(outChannels, workPerItem: batchSize * g.outputPlane * kernelSize * kernelSize) { _, channels in
            for s in 0..<batchSize {
                for oc in channels {
                    Kernels.depthwiseConv2DPlane(
                        input + s * g.inputSize + (oc / depthMultiplier) * g.inputPlane, height: g.height, width: g.width,
                        weight: weight + oc * taps, bias: bias?[oc] ?? 0, kernelSize: kernelSize, stride: stride,
                        padding: padding, output: output + s * outSize + oc * outPlane,
                        outHeight: g.outHeight, outWidth: g.outWidth)
                }
            }
        }
    }

    public func backward(
        input: UnsafePointer<Float>?, output: UnsafePointer<Float>?,
        outputGradient: UnsafeMutablePointer<Float>, inputGradient: UnsafeMutablePointer<Float>?,
        batchSize: Int, context: LayerContext
    ) {
        let g = geometry
        let taps = kernelSize * kernelSize
        let outPlane = g.outputPlane
        let outSize = outChannels * outPlane
        let weightGradient = input == nil ? nil : self.weightGradient
        // Split by input channel: its gradient gathers all of its output channels, and each output
        // channel's parameter gradients gather the samples in order — both stay within one thread.
        context.pool.parallelChunks(g.channels, workPerItem: batchSize * g.outputPlane * kernelSize * kernelSize * depthMultiplier) { _, channels in
            for c in channels {
                let firstOut = c * depthMultiplier
                if let weightGradient { (weightGradient + firstOut * taps).update(repeating: 0, count: depthMultiplier * taps) }
                if let biasGradient { (biasGradient + firstOut).update(repeating: 0, count: depthMultiplier) }
                for s in 0..<batchSize {
                    let dx = inputGradient.map { $0 + s * g.inputSize + c * g.inputPlane }
                    dx?.update(repeating: 0, count: g.inputPlane)
                    for oc in firstOut..<(firstOut + depthMultiplier) {
                        let dy = outputGradient + s * outSize + oc * outPlane
                        if let biasGradient {
                            Kernels.accumulatePlaneSums(dy, planes: 1, planeSize: outPlane, into: biasGradient + oc)
                        }
                        Kernels.depthwiseConv2DPlaneBackward(
                            input: input.map { $0 + s * g.inputSize + c * g.inputPlane }, height: g.height, width: g.width,
                            weight: weight + oc * taps, kernelSize: kernelSize, stride: stride, padding: padding,
                            outputGradient: dy, outHeight: g.outHeight, outWidth: g.outWidth,
                            weightGradient: weightGradient.map { $0 + oc * taps }, inputGradient: dx)
                    }
                }
            }
        }
    }
}

extension DepthwiseConv2D {
    /// Each of the `C·m` output channels sees only its input channel: `2·B·C·m·H'·W'·k²` FLOPs per pass, plus
    /// `B·C·m·H'·W'` for the bias in forward and in its gradient.
    public func cost(batchSize: Int) -> LayerCost {
        let b = batchSize, o = outChannels, plane = geometry.outputPlane, taps = kernelSize * kernelSize
        let weights = o * taps, image = geometry.inputSize
        let product = 2 * b * o * plane * taps
        let biasFLOPs = useBias ? b * o * plane : 0, biasCount = useBias ? o : 0
        return LayerCost(
            forward: .floats(flops: product + biasFLOPs, read: b * image + weights + biasCount, written: b * o * plane),
            inputGradient: .floats(flops: product, read: b * o * plane + weights, written: b * image),
            parameterGradient: .floats(flops: product + biasFLOPs, read: b * image + b * o * plane,
                                       written: weights + biasCount))
    }
}
