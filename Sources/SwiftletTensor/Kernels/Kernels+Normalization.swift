extension Kernels {
    /// 1/√x for positive normal `x`, without libm: the classic bit-level first guess refined by three
    /// Newton steps (each roughly squares the relative error, 2·10⁻³ → 5·10⁻⁶ → 3·10⁻¹¹), so the result
    /// is as accurate as single precision allows.
    @inlinable
    public static func inverseSquareRoot(_ x: Float) -> Float {
        var y = Float(bitPattern: 0x5F37_5A86 &- (x.bitPattern >> 1))
        let half = 0.5 * x
        y = y * (1.5 - half * y * y)
        y = y * (1.5 - half * y * y)
        y = y * (1.5 - half * y * y)
        return y
    }

    /// The mean of `count` values and 1/√(variance + ε), with the biased variance (as PyTorch's
    /// normalisation layers) computed in two passes, around the mean, to avoid cancellation.
    @inlinable
    public static func meanAndInverseStandardDeviation(
        _ x: UnsafePointer<Float>, count: Int, epsilon: Float
    ) -> (mean: Float, inverseStandardDeviation: Float) {
        var sum: Float = 0
        for i in 0..<count { sum += x[i] }
        let mean = sum / Float(count)
        var squares: Float = 0
        for i in 0..<count {
            let d = x[i] - mean
            squares += d * d
        }
        return (mean, inverseSquareRoot(squares / Float(count) + epsilon))
    }

    /// Layer normalisation of `rows` rows of `columns` values (Ba, Kiros & Hinton, "Layer Normalization", 2016):
    /// `y = (x − μ)/√(σ² + ε) · weight + bias` with μ, σ² per row and `weight`, `bias` per column.
    ///
    /// When `mean` and `inverseStandardDeviation` are given (one float per row), the statistics are stored
    /// there for ``layerNormBackward(input:outputGradient:inputGradient:rows:columns:weight:mean:inverseStandardDeviation:weightGradient:biasGradient:)``.
    @inlinable
    public static func layerNormForward(
        _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, rows: Int, columns: Int,
        weight: UnsafePointer<Float>, bias: UnsafePointer<Float>, epsilon: Float,
        mean: UnsafeMutablePointer<Float>?, inverseStandardDeviation: UnsafeMutablePointer<Float>?
    ) {
        for r in 0..<rows {
            let row = x + r * columns
            let out = y + r * columns
            let (mu, rstd) = meanAndInverseStandardDeviation(row, count: columns, epsilon: epsilon)
            for j in 0..<columns { out[j] = (row[j] - mu) * rstd * weight[j] + bias[j] }
            mean?[r] = mu
            inverseStandardDeviation?[r] = rstd
        }
    }

    /// The backward of ``layerNormForward(_:_:rows:columns:weight:bias:epsilon:mean:inverseStandardDeviation:)``.
    ///
    /// With x̂ = (x − μ)·r and d = dy ⊙ weight, the input gradient is `r · (d − mean(d) − x̂ · mean(d ⊙ x̂))`.
    /// `weightGradient` (Σ dy ⊙ x̂) and `biasGradient` (Σ dy) are overwritten, summed in row order.
    @inlinable
    public static func layerNormBackward(
        input x: UnsafePointer<Float>, outputGradient dy: UnsafePointer<Float>, inputGradient dx: UnsafeMutablePointer<Float>?,
        rows: Int, columns: Int, weight: UnsafePointer<Float>,
        mean: UnsafePointer<Float>, inverseStandardDeviation: UnsafePointer<Float>,
        weightGradient: UnsafeMutablePointer<Float>?, biasGradient: UnsafeMutablePointer<Float>?
    ) {
        weightGradient?.update(repeating: 0, count: columns)
        biasGradient?.update(repeating: 0, count: columns)
        let n = Float(columns)
        for r in 0..<rows {
            let xr = x + r * columns, gr = dy + r * columns
            let mu = mean[r], rstd = inverseStandardDeviation[r]
            var sumD: Float = 0
            var sumDX: Float = 0
            for j in 0..<columns {
                let xhat = (xr[j] - mu) * rstd
                let d = gr[j] * weight[j]
                sumD += d
                sumDX += d * xhat
                if let weightGradient { weightGradient[j] += gr[j] * xhat }
                if let biasGradient { biasGradient[j] += gr[j] }
            }
            guard let dx else { continue }
            let meanD = sumD / n, meanDX = sumDX / n
            let out = dx + r * columns
            for j in 0..<columns {
                let xhat = (xr[j] - mu) * rstd
                out[j] = rstd * (gr[j] * weight[j] - meanD - xhat * meanDX)
            }
        }
    }

    /// Group normalisation of `samples` samples shaped `[channels, spatial]` (Wu & He, "Group Normalization",
    /// ECCV 2018): channels are split into `groups` contiguous groups, each normalised over its channels and
    /// positions, then scaled and shifted per channel.
    ///
    /// Statistics are stored per (sample, group) in `mean` and `inverseStandardDeviation` when given.
    @inlinable
    public static func groupNormForward(
        _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>,
        samples: Int, channels: Int, spatial: Int, groups: Int,
        weight: UnsafePointer<Float>, bias: UnsafePointer<Float>, epsilon: Float,
        mean: UnsafeMutablePointer<Float>?, inverseStandardDeviation: UnsafeMutablePointer<Float>?
    ) {
        let perGroup = channels / groups
        let groupSize = perGroup * spatial
        for s in 0..<samples {
            for g in 0..<groups {
                let index = s * groups + g
                let base = (s * channels + g * perGroup) * spatial
                let (mu, rstd) = meanAndInverseStandardDeviation(x + base, count: groupSize, epsilon: epsilon)
                for c in 0..<perGroup {
                    let channel = g * perGroup + c
                    let scale = rstd * weight[channel]
                    let shift = bias[channel] - mu * scale
                    let xc = x + base + c * spatial, yc = y + base + c * spatial
                    for p in 0..<spatial { yc[p] = xc[p] * scale + shift }
                }
                mean?[index] = mu
                inverseStandardDeviation?[index] = rstd
            }
        }
    }

    /// The backward of ``groupNormForward(_:_:samples:channels:spatial:groups:weight:bias:epsilon:mean:inverseStandardDeviation:)``,
    /// the same formula as layer normalisation's over each group, with per-channel weights.
    ///
    /// `weightGradient` (Σ dy ⊙ x̂) and `biasGradient` (Σ dy) are overwritten, summed in sample order.
    @inlinable
    public static func groupNormBackward(
        input x: UnsafePointer<Float>, outputGradient dy: UnsafePointer<Float>, inputGradient dx: UnsafeMutablePointer<Float>?,
        samples: Int, channels: Int, spatial: Int, groups: Int, weight: UnsafePointer<Float>,
        mean: UnsafePointer<Float>, inverseStandardDeviation: UnsafePointer<Float>,
        weightGradient: UnsafeMutablePointer<Float>?, biasGradient: UnsafeMutablePointer<Float>?
    ) {
        weightGradient?.update(repeating: 0, count: channels)
        biasGradient?.update(repeating: 0, count: channels)
        let perGroup = channels / groups
        let n = Float(perGroup * spatial)
        for s in 0..<samples {
            for g in 0..<groups {
                let index = s * groups + g
                let base = (s * channels + g * perGroup) * spatial
                let mu = mean[index], rstd = inverseStandardDeviation[index]
                var sumD: Float = 0
                var sumDX: Float = 0
                for c in 0..<perGroup {
                    let channel = g * perGroup + c
                    let xc = x + base + c * spatial, gc = dy + base + c * spatial
                    var channelDX: Float = 0
                    var channelD: Float = 0
                    for p in 0..<spatial {
                        let xhat = (xc[p] - mu) * rstd
                        channelD += gc[p]
                        channelDX += gc[p] * xhat
                    }
                    sumD += channelD * weight[channel]
                    sumDX += channelDX * weight[channel]
                    weightGradient?[channel] += channelDX
                    biasGradient?[channel] += channelD
                }
                guard let dx else { continue }
                let meanD = sumD / n, meanDX = sumDX / n
                for c in 0..<perGroup {
                    let w = weight[g * perGroup + c]
                    let xc = x + base + c * spatial, gc = dy + base + c * spatial, out = dx + base + c * spatial
                    for p in 0..<spatial {
                        let xhat = (xc[p] - mu) * rstd
                        out[p] = rstd * (gc[p] * w - meanD - xhat * meanDX)
                    }
                }
            }
        }
    }
}
