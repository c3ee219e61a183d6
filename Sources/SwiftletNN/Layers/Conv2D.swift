import SwiftletTensor

/// A 2-D convolution over `[C, H, W]` images, as PyTorch's `nn.Conv2d` with square kernels.
///
/// Weight `[outChannels, C, k, k]`, bias `[outChannels]`, both initialised from `U(−1/√(C·k·k), 1/√(C·k·k))`
/// like PyTorch. Output `[outChannels, OH, OW]` with `OH = (H + 2p − k) / s + 1`.
///
/// Each sample is unfolded with im2col (Chellapilla et al. 2006) and multiplied by the weight,
/// `W[out, C·k·k] × col[C·k·k, OH·OW]`, which writes the channels-first output directly; a 1×1, stride-1,
/// unpadded convolution skips im2col, since the image already is its column matrix. Backward accumulates
/// the weight gradient `dY_s × col_sᵀ` over samples in sample order (deterministic) and forms the input
/// gradient as `Wᵀ × dY_s` folded back with col2im, skipped when the caller needs no input gradient.
/// The forward and input-gradient products run as 12-row slices so the GEMM reads the column matrix and
/// the output gradient in place rather than packing them (see `slicedProduct`); with few filters or a small
/// patch the weight gradient is formed as row dot products (``Kernels/rowDotProducts(m:n:length:a:lda:b:ldb:accumulate:c:ldc:)``),
/// which read the column matrix as stored instead of transposing it; their 16 lane sums run through the
/// whole batch and are reduced once (``Kernels/rowDotLaneSums(m:n:length:a:lda:b:ldb:accumulate:lanes:)``).
public final class Conv2D: Layer {
    public var name: String
    /// The number of output channels (filters).
    public let outChannels: Int
    /// The side of the square kernel.
    public let kernelSize: Int
    /// The step between windows, in pixels.
    public let stride: Int
    /// Zero padding added on every side.
    public let padding: Int
    /// Whether the layer has a bias.
    public let useBias: Bool
    var geometry = SpatialGeometry()
    private var weight = UnsafeMutablePointer<Float>(bitPattern: 64)!
    private var bias: UnsafeMutablePointer<Float>?
    private var weightGradient: UnsafeMutablePointer<Float>?
    private var biasGradient: UnsafeMutablePointer<Float>?

    /// Creates a convolution with `outChannels` filters of size `kernelSize × kernelSize`.
    public init(outChannels: Int, kernelSize: Int, stride: Int = 1, padding: Int = 0, bias: Bool = true,
                name: String = "conv") {
        self.outChannels = outChannels
        self.kernelSize = kernelSize
        self.stride = stride
        self.padding = padding
        self.useBias = bias
        self.name = name
    }

    public var summary: String {
        "Conv2D(\(geometry.channels) → \(outChannels), \(kernelSize)×\(kernelSize), stride \(stride), padding \(padding)\(useBias ? "" : ", no bias"))"
    }

    public func build(inputShape: [Int]) throws(ModelError) -> [Int] {
        guard outChannels > 0 else {
            throw .invalidConfiguration(layer: name, reason: "output channels must be positive, got \(outChannels)")
        }
        geometry = try SpatialGeometry(layer: name, inputShape: inputShape, kernelSize: kernelSize,
                                       stride: stride, padding: padding)
        return [outChannels, geometry.outHeight, geometry.outWidth]
    }

    /// Rows of the column matrix: `C·k·k`.
    var patchSize: Int { geometry.channels * kernelSize * kernelSize }

    public var parameterSpecs: [ParameterSpec] {
        var specs = [ParameterSpec(name: "weight", shape: [outChannels, geometry.channels, kernelSize, kernelSize], role: .weight)]
        if useBias { specs.append(ParameterSpec(name: "bias", shape: [outChannels], role: .bias)) }
        return specs
    }

    public func initializeParameters(_ parameters: UnsafeMutableBufferPointer<Float>, generator: inout SeededGenerator) {
        // PyTorch: kaiming_uniform(a = √5) for the weight and U(±1/√fan_in) for the bias reduce to the same bound.
        let bound = 1 / Float(patchSize).squareRoot()
        for i in parameters.indices { parameters[i] = generator.nextFloat(in: -bound...bound) }
    }

    public func bind(parameters: UnsafeMutablePointer<Float>, gradients: [UnsafeMutablePointer<Float>?]) {
        weight = parameters
        bias = useBias ? parameters + outChannels * patchSize : nil
        weightGradient = gradients[0]
        biasGradient = useBias ? gradients[1] : nil
    }

    public func backwardNeeds(inputGradient: Bool) -> BackwardNeeds {
        BackwardNeeds(input: weightGradient != nil, output: false)
    }

    /// Whether the input gradient is folded back with the register-summing col2im for unpadded stride-1
    /// convolutions of images at most 16 pixels wide (LeNet-5's second convolution).
    var usesNarrowValidFold: Bool {
        !geometry.isPointwise && stride == 1 && padding == 0 && geometry.width <= 16
    }

    /// Floats of workspace before the GEMM scratch: one sample's column matrix (none for 1×1 convolutions)
    /// plus the 16 floats the narrow col2im may read past it, rounded up to a cache line so the GEMM scratch
    /// stays 64-byte aligned.
    var columnCount: Int {
        geometry.isPointwise ? 0 : (patchSize * geometry.outputPlane + 16 + 15) / 16 * 16
    }

    /// Whether the weight gradient is formed as row dot products rather than a GEMM: when few filters or
    /// a small patch would leave the GEMM's 12 × 32 register tiles mostly empty, its transposing pack of
    /// the column matrix costs more than the products (LeNet-5's convolutions, `cnn`'s first).
    var weightGradientByRowDots: Bool { outChannels < 24 || patchSize < 32 }

    /// Workspace floats for the weight gradient's unreduced lane sums (16 per weight) when it is formed by
    /// row dot products over rows of at least 16 floats; 0 otherwise.
    var laneSumCount: Int {
        weightGradientByRowDots && geometry.outputPlane >= 16 ? outChannels * patchSize * 16 : 0
    }

    /// GEMM scratch floats per thread: enough for any of the layer's three products (the count never
    /// decreases with `m` or `n`, so it also covers their row slices).
    var gemmPartCount: Int {
        let plane = geometry.outputPlane
        return Swift.max(
            Kernels.gemmWorkspaceCount(m: outChannels, n: plane, k: patchSize),
            Kernels.gemmWorkspaceCount(m: outChannels, n: patchSize, k: plane),
            Kernels.gemmWorkspaceCount(m: patchSize, n: plane, k: outChannels))
    }

    public func memory(capacity: Int, training: Bool) -> LayerMemory {
        let gemm = gemmPartCount
        // The pool multiplies the GEMM scratch by its thread count, which the layer does not know yet.
        let threads = Swift.max(8, ComputePool.availableCores)
        return LayerMemory(workspace: columnCount + laneSumCount + threads * gemm)
    }

    public func forward(_ input: UnsafePointer<Float>, _ output: UnsafeMutablePointer<Float>, batchSize: Int, context: LayerContext) {
        let g = geometry
        let plane = g.outputPlane
        let columns = context.workspace
        let gemmWorkspace = context.workspace + columnCount
        let partCount = gemmPartCount
        for s in 0..<batchSize {
            let x = input + s * g.inputSize
            let y = output + s * outChannels * plane
            var col = x
            if !g.isPointwise {
                Kernels.im2col(x, channels: g.channels, height: g.height, width: g.width, kernelSize: kernelSize,
                               stride: stride, padding: padding, outHeight: g.outHeight, outWidth: g.outWidth,
                               columns: columns)
                col = UnsafePointer(columns)
            }
            var beta: Float = 0
            if let bias {
                for o in 0..<outChannels { (y + o * plane).update(repeating: bias[o], count: plane) }
                beta = 1
            }
            slicedProduct(transA: false, m: outChannels, n: plane, k: patchSize, a: weight, lda: patchSize,
                          b: col, ldb: plane, beta: beta, c: y, ldc: plane,
                          pool: context.pool, workspace: gemmWorkspace, perPart: partCount)
        }
    }

    public func backward(
        input: UnsafePointer<Float>?, output: UnsafePointer<Float>?,
        outputGradient: UnsafeMutablePointer<Float>, inputGradient: UnsafeMutablePointer<Float>?,
        batchSize: Int, context: LayerContext
    ) {
        let g = geometry
        let plane = g.outputPlane
        if let biasGradient {
            biasGradient.update(repeating: 0, count: outChannels)
            for s in 0..<batchSize {
                Kernels.accumulatePlaneSums(outputGradient + s * outChannels * plane, planes: outChannels,
                                            planeSize: plane, into: biasGradient)
            }
        }
        let columns = context.workspace
        let laneSums = context.workspace + columnCount
        let gemmWorkspace = laneSums + laneSumCount
        let weightGradient = input == nil ? nil : self.weightGradient
        guard weightGradient != nil || inputGradient != nil else { return }
        let partCount = gemmPartCount
        // One pass over the samples: the column buffer holds the sample's columns for the weight gradient,
        // then the input gradient's columns, while the sample's data is still in cache.
        for s in 0..<batchSize {
            let dy = UnsafePointer(outputGradient + s * outChannels * plane)
            if let weightGradient, let input {
                let x = input + s * g.inputSize
                var col = x
                if !g.isPointwise {
                    Kernels.im2col(x, channels: g.channels, height: g.height, width: g.width, kernelSize: kernelSize,
                                   stride: stride, padding: padding, outHeight: g.outHeight, outWidth: g.outWidth,
                                   columns: columns)
                    col = UnsafePointer(columns)
                }
                if laneSumCount > 0 {
                    // Lane sums of dY_s · col_sᵀ continue through the batch and are reduced once at the end.
                    let pool = outChannels * patchSize * plane < 1 << 22 ? ComputePool.serial : context.pool
                    pool.parallelChunks(outChannels, alignment: 4) { _, rows in
                        Kernels.rowDotLaneSums(m: rows.count, n: patchSize, length: plane,
                                               a: dy + rows.lowerBound * plane, lda: plane, b: col, ldb: plane,
                                               accumulate: s != 0, lanes: laneSums + rows.lowerBound * patchSize * 16)
                    }
                } else if weightGradientByRowDots {
                    // dW += dY_s · col_sᵀ as dot products of rows, both read as stored; small products stay on
                    // the calling thread, as in `ComputePool.gemm`.
                    let pool = outChannels * patchSize * plane < 1 << 22 ? ComputePool.serial : context.pool
                    pool.parallelChunks(outChannels, alignment: 4) { _, rows in
                        Kernels.rowDotProducts(m: rows.count, n: patchSize, length: plane,
                                               a: dy + rows.lowerBound * plane, lda: plane, b: col, ldb: plane,
                                               accumulate: s != 0, c: weightGradient + rows.lowerBound * patchSize,
                                               ldc: patchSize)
                    }
                } else {
                    context.pool.gemm(transA: false, transB: true, m: outChannels, n: patchSize, k: plane, alpha: 1,
                                      a: dy, lda: plane, b: col, ldb: plane, beta: s == 0 ? 0 : 1,
                                      c: weightGradient, ldc: patchSize, workspace: gemmWorkspace)
                }
            }
            if let inputGradient {
                let dx = inputGradient + s * g.inputSize
                let target = g.isPointwise ? dx : columns
                slicedProduct(transA: true, m: patchSize, n: plane, k: outChannels, a: weight, lda: patchSize,
                              b: dy, ldb: plane, beta: 0, c: target, ldc: plane,
                              pool: context.pool, workspace: gemmWorkspace, perPart: partCount)
                if usesNarrowValidFold {
                    Kernels.col2imValidNarrow(columns, channels: g.channels, height: g.height, width: g.width,
                                              kernelSize: kernelSize, image: dx)
                } else if !g.isPointwise {
                    Kernels.col2im(columns, channels: g.channels, height: g.height, width: g.width,
                                   kernelSize: kernelSize, stride: stride, padding: padding,
                                   outHeight: g.outHeight, outWidth: g.outWidth, image: dx)
                }
            }
        }
        if let weightGradient, laneSumCount > 0, batchSize > 0 {
            Kernels.rowDotLaneTotals(count: outChannels * patchSize, lanes: laneSums, into: weightGradient)
        }
    }
}

extension Conv2D {
    /// A convolution is a product of the weight `[O, C·k²]` with the `[C·k², H'·W']` patch matrix per sample:
    /// `2·B·O·H'·W'·C·k²` FLOPs per pass (forward, input gradient, weight gradient), plus `B·O·H'·W'` for the
    /// bias in forward and in its gradient. Traffic counts the image, not the patch matrix (ideal caching).
    public func cost(batchSize: Int) -> LayerCost {
        let b = batchSize, o = outChannels, plane = geometry.outputPlane
        let weights = o * patchSize, image = geometry.inputSize
        let product = 2 * b * o * plane * patchSize
        let biasFLOPs = useBias ? b * o * plane : 0, biasCount = useBias ? o : 0
        return LayerCost(
            forward: .floats(flops: product + biasFLOPs, read: b * image + weights + biasCount, written: b * o * plane),
            inputGradient: .floats(flops: product, read: b * o * plane + weights, written: b * image),
            parameterGradient: .floats(flops: product + biasFLOPs, read: b * image + b * o * plane,
                                       written: weights + biasCount))
    }
}
