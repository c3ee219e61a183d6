extension Kernels {
    /// The range of output columns `ow` whose input column `ow·stride − padding + offset` lies in `0..<width`.
    ///
    /// Shared by the convolution and pooling kernels so the bounds tests stay out of their inner loops.
    @inlinable
    public static func validOutputRange(
        offset: Int, stride: Int, padding: Int, inputExtent: Int, outputExtent: Int
    ) -> Range<Int> {
        // Need 0 ≤ o·s − p + offset ≤ extent − 1.
        let lowNumerator = padding - offset
        let low = lowNumerator <= 0 ? 0 : (lowNumerator + stride - 1) / stride
        let highNumerator = inputExtent - 1 + padding - offset
        let high = highNumerator < 0 ? 0 : Swift.min(outputExtent, highNumerator / stride + 1)
        return low < high ? low..<high : low..<low
    }

    /// Unfolds one `[channels, height, width]` image into the `[channels·k·k, outHeight·outWidth]` column
    /// matrix of a convolution, so the convolution becomes one matrix product (im2col; Chellapilla, Puri &
    /// Simard, "High Performance Convolutional Neural Networks for Document Processing", 2006).
    ///
    /// Row `(c·k + i)·k + j`, column `oh·outWidth + ow` holds `image[c, oh·stride − padding + i,
    /// ow·stride − padding + j]`, or 0 where that position falls in the padding.
    @inlinable
    public static func im2col(
        _ image: UnsafePointer<Float>, channels: Int, height: Int, width: Int,
        kernelSize k: Int, stride: Int, padding: Int, outHeight: Int, outWidth: Int,
        columns: UnsafeMutablePointer<Float>
    ) {
        if stride == 1 && outHeight == height && outWidth == width {
            im2colSamePadding(image, channels: channels, height: height, width: width, kernelSize: k,
                              padding: padding, columns: columns)
            return
        }
        if stride == 1 && padding == 0 {
            im2colValid(image, channels: channels, height: height, width: width, kernelSize: k, columns: columns)
            return
        }
        let plane = outHeight * outWidth
        for c in 0..<channels {
            let channel = image + c * height * width
            for i in 0..<k {
                for j in 0..<k {
                    let row = columns + ((c * k + i) * k + j) * plane
                    let cols = validOutputRange(offset: j, stride: stride, padding: padding,
                                                inputExtent: width, outputExtent: outWidth)
                    for oh in 0..<outHeight {
                        let dst = row + oh * outWidth
                        let ih = oh * stride - padding + i
                        if ih < 0 || ih >= height || cols.isEmpty {
                            dst.update(repeating: 0, count: outWidth)
                            continue
                        }
                        let src = channel + ih * width - padding + j
                        if cols.lowerBound > 0 { dst.update(repeating: 0, count: cols.lowerBound) }
                        if stride == 1 {
                            copyRow(cols.count, src + cols.lowerBound, dst + cols.lowerBound)
                        } else {
                            for ow in cols { dst[ow] = src[ow * stride] }
                        }
                        if cols.upperBound < outWidth {
                            (dst + cols.upperBound).update(repeating: 0, count: outWidth - cols.upperBound)
                        }
                    }
                }
            }
        }
    }

    /// Folds a column matrix back into an image, summing overlapping contributions: the adjoint of
    /// ``im2col(_:channels:height:width:kernelSize:stride:padding:outHeight:outWidth:columns:)``, used for
    /// the input gradient of a convolution. Overwrites `image`; entries that fall in the padding are dropped.
    /// For stride 1 with "same" padding the entries that fall in the padding are zeroed in `columns`
    /// (which the caller must therefore allow to be modified).
    @inlinable
    public static func col2im(
        _ columns: UnsafePointer<Float>, channels: Int, height: Int, width: Int,
        kernelSize k: Int, stride: Int, padding: Int, outHeight: Int, outWidth: Int,
        image: UnsafeMutablePointer<Float>
    ) {
        image.update(repeating: 0, count: channels * height * width)
        if stride == 1 && outHeight == height && outWidth == width {
            col2imSamePadding(UnsafeMutablePointer(mutating: columns), channels: channels, height: height, width: width,
                              kernelSize: k, padding: padding, image: image)
            return
        }
        let plane = outHeight * outWidth
        for c in 0..<channels {
            let channel = image + c * height * width
            for i in 0..<k {
                for j in 0..<k {
                    let row = columns + ((c * k + i) * k + j) * plane
                    let cols = validOutputRange(offset: j, stride: stride, padding: padding,
                                                inputExtent: width, outputExtent: outWidth)
                    if cols.isEmpty { continue }
                    for oh in 0..<outHeight {
                        let ih = oh * stride - padding + i
                        if ih < 0 || ih >= height { continue }
                        let src = row + oh * outWidth
                        let dst = channel + ih * width - padding + j
                        if stride == 1 {
                            addRow(cols.count, src + cols.lowerBound, dst + cols.lowerBound)
                        } else {
                            for ow in cols { dst[ow * stride] += src[ow] }
                        }
                    }
                }
            }
        }
    }

    /// Copies `n` floats with inline vector moves: im2col copies many short rows (an output row is often
    /// 8–32 floats), where a call to `memmove` per row costs more than the copy. A tail shorter than a
    /// vector is copied by one more vector ending at `n`, overlapping floats already copied.
    @inlinable
    public static func copyRow(_ n: Int, _ src: UnsafePointer<Float>, _ dst: UnsafeMutablePointer<Float>) {
        var i = 0
        while i + 8 <= n {
            UnsafeMutableRawPointer(dst + i).storeBytes(
                of: UnsafeRawPointer(src + i).loadUnaligned(as: SIMD8<Float>.self), as: SIMD8<Float>.self)
            i += 8
        }
        if i == n { return }
        if n >= 8 {
            UnsafeMutableRawPointer(dst + n - 8).storeBytes(
                of: UnsafeRawPointer(src + n - 8).loadUnaligned(as: SIMD8<Float>.self), as: SIMD8<Float>.self)
            return
        }
        while i < n {
            dst[i] = src[i]
            i += 1
        }
    }

    /// `dst[i] += src[i]` for `i` in `0..<n`, for col2im's short rows. A tail shorter than a vector is added
    /// by one more vector ending at `n` whose lanes already added are masked to 0 (each float is added once).
    @inlinable
    public static func addRow(_ n: Int, _ src: UnsafePointer<Float>, _ dst: UnsafeMutablePointer<Float>) {
        var i = 0
        while i + 8 <= n {
            let d = UnsafeRawPointer(dst + i).loadUnaligned(as: SIMD8<Float>.self)
            let v = UnsafeRawPointer(src + i).loadUnaligned(as: SIMD8<Float>.self)
            UnsafeMutableRawPointer(dst + i).storeBytes(of: d + v, as: SIMD8<Float>.self)
            i += 8
        }
        if i == n { return }
        if n >= 8 {
            let start = n - 8
            let lanes = SIMD8<Int32>(0, 1, 2, 3, 4, 5, 6, 7)
            let done = lanes .< SIMD8<Int32>(repeating: Int32(truncatingIfNeeded: i - start))
            let d = UnsafeRawPointer(dst + start).loadUnaligned(as: SIMD8<Float>.self)
            let v = UnsafeRawPointer(src + start).loadUnaligned(as: SIMD8<Float>.self)
            UnsafeMutableRawPointer(dst + start).storeBytes(of: d + v.replacing(with: 0, where: done), as: SIMD8<Float>.self)
            return
        }
        while i < n {
            dst[i] += src[i]
            i += 1
        }
    }

    /// `sums[p] += Σ_i x[p·planeSize + i]` for each of `planes` planes: per-channel sums for bias gradients.
    ///
    /// Each plane is summed in a fixed order (16 interleaved partial sums, then the tail), so the result
    /// does not depend on how callers split planes across threads.
    @inlinable
    public static func accumulatePlaneSums(
        _ x: UnsafePointer<Float>, planes: Int, planeSize: Int, into sums: UnsafeMutablePointer<Float>
    ) {
        for p in 0..<planes {
            let base = x + p * planeSize
            var acc = SIMD16<Float>(repeating: 0)
            var i = 0
            while i + 16 <= planeSize {
                acc += UnsafeRawPointer(base + i).loadUnaligned(as: SIMD16<Float>.self)
                i += 16
            }
            var total = acc.sum()
            while i < planeSize {
                total += base[i]
                i += 1
            }
            sums[p] += total
        }
    }
}
