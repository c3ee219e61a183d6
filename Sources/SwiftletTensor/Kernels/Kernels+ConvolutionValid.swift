extension Kernels {
    /// im2col for stride 1 and no padding ("valid"): every window lies inside the image, so row `(c, i, j)`
    /// of the column matrix is `outHeight` runs of `outWidth` pixels, copied without any bounds tests.
    ///
    /// Same result as ``im2col(_:channels:height:width:kernelSize:stride:padding:outHeight:outWidth:columns:)``
    /// with `stride = 1, padding = 0`; the general loop spends more on its per-run tests than on copying the
    /// short runs of small images (LeNet-5's second convolution copies 10 floats per run).
    @inlinable
    public static func im2colValid(
        _ image: UnsafePointer<Float>, channels: Int, height: Int, width: Int, kernelSize k: Int,
        columns: UnsafeMutablePointer<Float>
    ) {
        let outHeight = height &- k &+ 1, outWidth = width &- k &+ 1
        var dst = columns
        for c in 0..<channels {
            for i in 0..<k {
                for j in 0..<k {
                    let start = (c &* height &+ i) &* width &+ j
                    var src = image + start
                    for _ in 0..<outHeight {
                        copyRow(outWidth, src, dst)
                        src += width
                        dst += outWidth
                    }
                }
            }
        }
    }

    /// col2im for stride 1, no padding and images at most 16 pixels wide: each image row is summed in one
    /// 16-lane register from the column-matrix runs that land on it, then stored once.
    ///
    /// Adding shifted runs into the image in place (the general path) makes each load overlap a store of a
    /// moment before at another offset, which the processor cannot forward; summing in a register avoids
    /// both that and the zero-fill. Each pixel still receives its terms in the general path's order —
    /// `i` ascending, then `j` ascending, starting from 0 — so the result is bit-identical to
    /// ``col2im(_:channels:height:width:kernelSize:stride:padding:outHeight:outWidth:image:)``.
    /// A run is read as 16 floats starting `j` floats before it, so `columns` must have 16 readable floats
    /// past its `channels·k·k · outHeight·outWidth` entries.
    @inlinable
    public static func col2imValidNarrow(
        _ columns: UnsafePointer<Float>, channels: Int, height: Int, width: Int, kernelSize k: Int,
        image: UnsafeMutablePointer<Float>
    ) {
        let outHeight = height &- k &+ 1, outWidth = width &- k &+ 1
        let plane = outHeight &* outWidth
        let lanes = SIMD16<Int32>(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15)
        let runEnd = Int32(truncatingIfNeeded: outWidth)
        for c in 0..<channels {
            for h in 0..<height {
                var acc = SIMD16<Float>(repeating: 0)
                // Kernel rows i whose output row oh = h − i exists.
                let first = h &- outHeight &+ 1 > 0 ? h &- outHeight &+ 1 : 0
                let last = h < k &- 1 ? h : k &- 1
                if first <= last {
                    for i in first...last {
                        let oh = h &- i
                        for j in 0..<k {
                            let row = (c &* k &+ i) &* k &+ j
                            // All ones on lanes j ..< j + outWidth (the run), zero elsewhere, from sign bits:
                            // SIMD comparisons here compile to a loop over the lanes.
                            // Row index ≥ j, so starting j floats early stays inside the matrix.
                            let offset: Int = row &* plane &+ oh &* outWidth &- j
                            let v = UnsafeRawPointer(columns + offset).loadUnaligned(as: SIMD16<Float>.self)
                            let d = lanes &- Int32(truncatingIfNeeded: j)
                            let run = ~(d &>> 31) & ((d &- runEnd) &>> 31)
                            let bits = unsafeBitCast(v, to: SIMD16<Int32>.self) & run
                            acc += unsafeBitCast(bits, to: SIMD16<Float>.self)
                        }
                    }
                }
                let rowStart: Int = (c &* height &+ h) &* width
                let dst = image + rowStart
                if width >= 8 {
                    UnsafeMutableRawPointer(dst).storeBytes(of: acc.lowHalf, as: SIMD8<Float>.self)
                    if width == 16 {
                        UnsafeMutableRawPointer(dst + 8).storeBytes(of: acc.highHalf, as: SIMD8<Float>.self)
                    } else {
                        for l in 8..<width { dst[l] = acc[l] }
                    }
                } else {
                    for l in 0..<width { dst[l] = acc[l] }
                }
            }
        }
    }
}
