extension Kernels {
    /// Direct depthwise convolution of one channel plane: `output[oh, ow] = bias + Σ_{i,j} weight[i·k + j] ·
    /// input[oh·stride − padding + i, ow·stride − padding + j]`, positions in the padding counting as 0.
    ///
    /// Depthwise convolution filters each channel separately (Howard et al., "MobileNets", 2017), so there
    /// is no reduction over channels and im2col would only copy: a direct loop is faster. Each output row
    /// accumulates whole input rows (`axpy`), in the fixed order `i`, then `j`.
    @inlinable
    public static func depthwiseConv2DPlane(
        _ input: UnsafePointer<Float>, height: Int, width: Int,
        weight: UnsafePointer<Float>, bias: Float, kernelSize k: Int, stride: Int, padding: Int,
        output: UnsafeMutablePointer<Float>, outHeight: Int, outWidth: Int
    ) {
        output.update(repeating: bias, count: outHeight * outWidth)
        for oh in 0..<outHeight {
            let dst = output + oh * outWidth
            for i in 0..<k {
                let ih = oh * stride - padding + i
                if ih < 0 || ih >= height { continue }
                for j in 0..<k {
                    let cols = validOutputRange(offset: j, stride: stride, padding: padding,
                                                inputExtent: width, outputExtent: outWidth)
                    let w = weight[i * k + j]
                    let src = input + ih * width - padding + j
                    if stride == 1 {
                        axpy(cols.count, w, src + cols.lowerBound, dst + cols.lowerBound)
                    } else {
                        for ow in cols { dst[ow] = dst[ow].addingProduct(w, src[ow * stride]) }
                    }
                }
            }
        }
    }

    /// Backward of ``depthwiseConv2DPlane(_:height:width:weight:bias:kernelSize:stride:padding:output:outHeight:outWidth:)``
    /// for one plane: adds the kernel's gradient to `weightGradient` (k·k values) and, if given, the input
    /// plane's gradient to `inputGradient`. Both accumulate, so callers zero them first and may sum several
    /// samples (in sample order, which keeps the result deterministic) or channel multipliers.
    @inlinable
    public static func depthwiseConv2DPlaneBackward(
        input: UnsafePointer<Float>?, height: Int, width: Int,
        weight: UnsafePointer<Float>, kernelSize k: Int, stride: Int, padding: Int,
        outputGradient: UnsafePointer<Float>, outHeight: Int, outWidth: Int,
        weightGradient: UnsafeMutablePointer<Float>?, inputGradient: UnsafeMutablePointer<Float>?
    ) {
        for i in 0..<k {
            for oh in 0..<outHeight {
                let ih = oh * stride - padding + i
                if ih < 0 || ih >= height { continue }
                let dy = outputGradient + oh * outWidth
                for j in 0..<k {
                    let cols = validOutputRange(offset: j, stride: stride, padding: padding,
                                                inputExtent: width, outputExtent: outWidth)
                    if cols.isEmpty { continue }
                    let offset = ih * width - padding + j
                    if let weightGradient, let input {
                        let src = input + offset
                        var total: Float = 0
                        if stride == 1 {
                            total = dot(cols.count, src + cols.lowerBound, dy + cols.lowerBound)
                        } else {
                            for ow in cols { total = total.addingProduct(src[ow * stride], dy[ow]) }
                        }
                        weightGradient[i * k + j] += total
                    }
                    if let inputGradient {
                        let w = weight[i * k + j]
                        let dst = inputGradient + offset
                        if stride == 1 {
                            axpy(cols.count, w, dy + cols.lowerBound, dst + cols.lowerBound)
                        } else {
                            for ow in cols { dst[ow * stride] = dst[ow * stride].addingProduct(w, dy[ow]) }
                        }
                    }
                }
            }
        }
    }

    /// `Σ_i x[i]·y[i]` for `i` in `0..<n`, in a fixed order (16 interleaved partial sums, then the tail).
    @inlinable
    public static func dot(_ n: Int, _ x: UnsafePointer<Float>, _ y: UnsafePointer<Float>) -> Float {
        var acc = SIMD16<Float>(repeating: 0)
        var i = 0
        while i + 16 <= n {
            let xv = UnsafeRawPointer(x + i).loadUnaligned(as: SIMD16<Float>.self)
            let yv = UnsafeRawPointer(y + i).loadUnaligned(as: SIMD16<Float>.self)
            acc = acc.addingProduct(xv, yv)
            i += 16
        }
        var total = acc.sum()
        while i < n {
            total = total.addingProduct(x[i], y[i])
            i += 1
        }
        return total
    }
}
