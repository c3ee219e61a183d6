extension Kernels {
    /// Max pooling of one channel plane with PyTorch's semantics: padding counts as −∞, ties go to the
    /// first maximum in row-major window order, and NaN propagates (a NaN in the window wins).
    ///
    /// If `indices` is given, it receives for every output the flat index `ih·width + iw` of the chosen input
    /// (as a `Float`, exact below 2²⁴), so the backward pass needs neither input nor output. Every window
    /// holds at least one real input as long as `padding < kernelSize`.
    @inlinable
    public static func maxPool2DPlane(
        _ input: UnsafePointer<Float>, height: Int, width: Int,
        kernelSize k: Int, stride: Int, padding: Int,
        output: UnsafeMutablePointer<Float>, outHeight: Int, outWidth: Int,
        indices: UnsafeMutablePointer<Float>?
    ) {
        if k == 2 && stride == 2 && padding == 0 {
            maxPool2x2Plane(input, width: width, output: output, outHeight: outHeight, outWidth: outWidth,
                            indices: indices)
            return
        }
        for oh in 0..<outHeight {
            let rowStart = oh * stride - padding
            let rowLow = Swift.max(rowStart, 0), rowHigh = Swift.min(rowStart + k, height)
            for ow in 0..<outWidth {
                let colStart = ow * stride - padding
                let colLow = Swift.max(colStart, 0), colHigh = Swift.min(colStart + k, width)
                var best = -Float.infinity
                var bestIndex = -1
                var ih = rowLow
                while ih < rowHigh {
                    var iw = colLow
                    while iw < colHigh {
                        let index = ih * width + iw
                        let v = input[index]
                        if bestIndex < 0 || v > best || v.isNaN {
                            best = v
                            bestIndex = index
                        }
                        iw += 1
                    }
                    ih += 1
                }
                output[oh * outWidth + ow] = best
                if let indices { indices[oh * outWidth + ow] = Float(bestIndex) }
            }
        }
    }

    /// The common 2×2, stride-2, unpadded case of ``maxPool2DPlane(_:height:width:kernelSize:stride:padding:output:outHeight:outWidth:indices:)``,
    /// eight windows at a time with vector selects instead of unpredictable branches. Same tie and NaN rules:
    /// scan order top-left, top-right, bottom-left, bottom-right; a later value wins if greater or NaN.
    @inlinable
    public static func maxPool2x2Plane(
        _ input: UnsafePointer<Float>, width: Int,
        output: UnsafeMutablePointer<Float>, outHeight: Int, outWidth: Int,
        indices: UnsafeMutablePointer<Float>?
    ) {
        let lanes = SIMD8<Int32>(0, 2, 4, 6, 8, 10, 12, 14)
        let w = Int32(truncatingIfNeeded: width)
        for oh in 0..<outHeight {
            let top = 2 * oh * width
            let out = output + oh * outWidth
            var ow = 0
            while ow < outWidth {
                // A last group shorter than 8 is redone as the 8 windows ending at the row's end.
                if outWidth >= 8 && ow + 8 > outWidth { ow = outWidth - 8 }
                if outWidth < 8 {
                    maxPool2x2Narrow(input, top: top, width: width, out: out, outWidth: outWidth,
                                     indices: indices.map { $0 + oh * outWidth })
                    break
                }
                let i0 = top + 2 * ow
                let upper = UnsafeRawPointer(input + i0).loadUnaligned(as: SIMD16<Float>.self)
                let lower = UnsafeRawPointer(input + i0 + width).loadUnaligned(as: SIMD16<Float>.self)
                var best = upper.evenHalf
                var index = SIMD8<Int32>(repeating: Int32(truncatingIfNeeded: i0)) &+ lanes
                let first = index
                let topRight = upper.oddHalf, bottomLeft = lower.evenHalf, bottomRight = lower.oddHalf
                var wins = (topRight .> best) .| (topRight .!= topRight)
                best.replace(with: topRight, where: wins)
                index.replace(with: first &+ 1, where: wins)
                wins = (bottomLeft .> best) .| (bottomLeft .!= bottomLeft)
                best.replace(with: bottomLeft, where: wins)
                index.replace(with: first &+ w, where: wins)
                wins = (bottomRight .> best) .| (bottomRight .!= bottomRight)
                best.replace(with: bottomRight, where: wins)
                index.replace(with: first &+ w &+ 1, where: wins)
                UnsafeMutableRawPointer(out + ow).storeBytes(of: best, as: SIMD8<Float>.self)
                if let indices {
                    UnsafeMutableRawPointer(indices + oh * outWidth + ow).storeBytes(of: SIMD8<Float>(index), as: SIMD8<Float>.self)
                }
                ow += 8
            }
        }
    }

    /// One output row of 2×2 max pooling narrower than 8 windows: 4 windows at a time (the last group
    /// overlapping the previous one), or one at a time below 4.
    @inlinable
    static func maxPool2x2Narrow(
        _ input: UnsafePointer<Float>, top: Int, width: Int, out: UnsafeMutablePointer<Float>, outWidth: Int,
        indices: UnsafeMutablePointer<Float>?
    ) {
        if outWidth < 4 {
            maxPool2x2Scalar(input, top: top, width: width, out: out, outWidth: outWidth, indices: indices)
            return
        }
        let lanes = SIMD4<Int32>(0, 2, 4, 6)
        let w = Int32(truncatingIfNeeded: width)
        var ow = 0
        while ow < outWidth {
            if ow + 4 > outWidth { ow = outWidth - 4 }
            let i0 = top + 2 * ow
            let upper = UnsafeRawPointer(input + i0).loadUnaligned(as: SIMD8<Float>.self)
            let lower = UnsafeRawPointer(input + i0 + width).loadUnaligned(as: SIMD8<Float>.self)
            var best = upper.evenHalf
            let first = SIMD4<Int32>(repeating: Int32(truncatingIfNeeded: i0)) &+ lanes
            var index = first
            let topRight = upper.oddHalf, bottomLeft = lower.evenHalf, bottomRight = lower.oddHalf
            var wins = (topRight .> best) .| (topRight .!= topRight)
            best.replace(with: topRight, where: wins)
            index.replace(with: first &+ 1, where: wins)
            wins = (bottomLeft .> best) .| (bottomLeft .!= bottomLeft)
            best.replace(with: bottomLeft, where: wins)
            index.replace(with: first &+ w, where: wins)
            wins = (bottomRight .> best) .| (bottomRight .!= bottomRight)
            best.replace(with: bottomRight, where: wins)
            index.replace(with: first &+ w &+ 1, where: wins)
            UnsafeMutableRawPointer(out + ow).storeBytes(of: best, as: SIMD4<Float>.self)
            if let indices { UnsafeMutableRawPointer(indices + ow).storeBytes(of: SIMD4<Float>(index), as: SIMD4<Float>.self) }
            ow += 4
        }
    }

    /// One output row of 2×2 max pooling, one window at a time (rows narrower than 4 windows).
    @inlinable
    static func maxPool2x2Scalar(
        _ input: UnsafePointer<Float>, top: Int, width: Int, out: UnsafeMutablePointer<Float>, outWidth: Int,
        indices: UnsafeMutablePointer<Float>?
    ) {
        for ow in 0..<outWidth {
            let i0 = top + 2 * ow
            var best = input[i0]
            var bestIndex = i0
            let i1 = i0 + 1, i2 = i0 + width, i3 = i2 + 1
            let v1 = input[i1], v2 = input[i2], v3 = input[i3]
            if v1 > best || v1.isNaN { best = v1; bestIndex = i1 }
            if v2 > best || v2.isNaN { best = v2; bestIndex = i2 }
            if v3 > best || v3.isNaN { best = v3; bestIndex = i3 }
            out[ow] = best
            if let indices { indices[ow] = Float(bestIndex) }
        }
    }

    /// Backward of max pooling for one plane: routes each output gradient to the input that won its
    /// window, as recorded in `indices`; overwrites `inputGradient` (`height·width` values).
    @inlinable
    public static func maxPool2DPlaneBackward(
        outputGradient: UnsafePointer<Float>, indices: UnsafePointer<Float>, outputCount: Int,
        inputGradient: UnsafeMutablePointer<Float>, inputCount: Int
    ) {
        inputGradient.update(repeating: 0, count: inputCount)
        for o in 0..<outputCount {
            let index = Int(indices[o])
            inputGradient[index] += outputGradient[o]
        }
    }

    /// Average pooling of one channel plane with PyTorch's `count_include_pad=True`: every window's sum is
    /// divided by `k·k`, padding included (windows never extend past the padding without `ceil_mode`).
    @inlinable
    public static func avgPool2DPlane(
        _ input: UnsafePointer<Float>, height: Int, width: Int,
        kernelSize k: Int, stride: Int, padding: Int,
        output: UnsafeMutablePointer<Float>, outHeight: Int, outWidth: Int
    ) {
        let scale = 1 / Float(k * k)
        for oh in 0..<outHeight {
            let rowStart = oh * stride - padding
            let rowLow = Swift.max(rowStart, 0), rowHigh = Swift.min(rowStart + k, height)
            for ow in 0..<outWidth {
                let colStart = ow * stride - padding
                let colLow = Swift.max(colStart, 0), colHigh = Swift.min(colStart + k, width)
                var total: Float = 0
                var ih = rowLow
                while ih < rowHigh {
                    var iw = colLow
                    while iw < colHigh {
                        total += input[ih * width + iw]
                        iw += 1
                    }
                    ih += 1
                }
                output[oh * outWidth + ow] = total * scale
            }
        }
    }

    /// Backward of average pooling for one plane: spreads each output gradient, divided by `k·k`, over the
    /// real inputs of its window; overwrites `inputGradient`.
    @inlinable
    public static func avgPool2DPlaneBackward(
        outputGradient: UnsafePointer<Float>, outHeight: Int, outWidth: Int,
        kernelSize k: Int, stride: Int, padding: Int,
        inputGradient: UnsafeMutablePointer<Float>, height: Int, width: Int
    ) {
        inputGradient.update(repeating: 0, count: height * width)
        let scale = 1 / Float(k * k)
        for oh in 0..<outHeight {
            let rowStart = oh * stride - padding
            let rowLow = Swift.max(rowStart, 0), rowHigh = Swift.min(rowStart + k, height)
            for ow in 0..<outWidth {
                let colStart = ow * stride - padding
                let colLow = Swift.max(colStart, 0), colHigh = Swift.min(colStart + k, width)
                let g = outputGradient[oh * outWidth + ow] * scale
                var ih = rowLow
                while ih < rowHigh {
                    var iw = colLow
                    while iw < colHigh {
                        inputGradient[ih * width + iw] += g
                        iw += 1
                    }
                    ih += 1
                }
            }
        }
    }

    /// Global average pooling: `output[p] = mean(input[p·planeSize ..< (p + 1)·planeSize])` for each plane.
    @inlinable
    public static func globalAvgPool(
        _ input: UnsafePointer<Float>, planes: Int, planeSize: Int, output: UnsafeMutablePointer<Float>
    ) {
        output.update(repeating: 0, count: planes)
        accumulatePlaneSums(input, planes: planes, planeSize: planeSize, into: output)
        let scale = 1 / Float(planeSize)
        for p in 0..<planes { output[p] *= scale }
    }

    /// Backward of global average pooling: every input of plane `p` gets `outputGradient[p] / planeSize`.
    @inlinable
    public static func globalAvgPoolBackward(
        outputGradient: UnsafePointer<Float>, planes: Int, planeSize: Int,
        inputGradient: UnsafeMutablePointer<Float>
    ) {
        let scale = 1 / Float(planeSize)
        for p in 0..<planes {
            (inputGradient + p * planeSize).update(repeating: outputGradient[p] * scale, count: planeSize)
        }
    }
}
