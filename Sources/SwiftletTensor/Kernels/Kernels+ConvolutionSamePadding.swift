extension Kernels {
    /// The window offsets of row `(i, j)` of a stride-1, "same"-padded convolution's column matrix.
    ///
    /// With stride 1 and output size equal to input size, row `(i, j)` is the image shifted by the constant
    /// `shift = (i − p)·W + (j − p)`: column `q = oh·W + ow` reads pixel `q + shift`. Only output rows
    /// `rows` see real input rows; in each of them the first `lead` and last `trail` columns see padding,
    /// and `span` is the contiguous range of `q` from the first to the last real pixel.
    @usableFromInline
    struct SameShift {
        @usableFromInline var rows: Range<Int>
        @usableFromInline var lead: Int
        @usableFromInline var trail: Int
        @usableFromInline var shift: Int
        @usableFromInline var span: Range<Int>

        @inlinable
        init(i: Int, j: Int, height: Int, width: Int, padding: Int) {
            let low = Swift.max(0, padding - i), high = Swift.min(height, height + padding - i)
            rows = low < high ? low..<high : low..<low
            lead = Swift.max(0, padding - j)
            trail = Swift.max(0, j - padding)
            shift = (i - padding) * width + (j - padding)
            let first = rows.lowerBound * width + lead, last = rows.upperBound * width - trail
            span = first < last ? first..<last : first..<first
        }
    }

    /// im2col for stride 1 and "same" padding (`2p = k − 1`): each row of the column matrix is one long
    /// shifted copy of a channel, with the padding columns and rows zeroed afterwards — far fewer, longer
    /// copies than one per output row.
    @inlinable
    public static func im2colSamePadding(
        _ image: UnsafePointer<Float>, channels: Int, height: Int, width: Int, kernelSize k: Int, padding: Int,
        columns: UnsafeMutablePointer<Float>
    ) {
        let plane = height * width
        for c in 0..<channels {
            let channel = image + c * plane
            for i in 0..<k {
                for j in 0..<k {
                    let row = columns + ((c * k + i) * k + j) * plane
                    let w = SameShift(i: i, j: j, height: height, width: width, padding: padding)
                    if w.span.isEmpty {
                        row.update(repeating: 0, count: plane)
                        continue
                    }
                    row.update(repeating: 0, count: w.span.lowerBound)
                    copyRow(w.span.count, channel + w.span.lowerBound + w.shift, row + w.span.lowerBound)
                    (row + w.span.upperBound).update(repeating: 0, count: plane - w.span.upperBound)
                    zeroPaddingColumns(row, rows: w.rows, width: width, lead: w.lead, trail: w.trail)
                }
            }
        }
    }

    /// col2im for stride 1 and "same" padding: zeroes the entries of each column-matrix row that fall in
    /// the padding, then adds the row to its channel as one long shifted run. `image` must be zeroed first.
    @inlinable
    public static func col2imSamePadding(
        _ columns: UnsafeMutablePointer<Float>, channels: Int, height: Int, width: Int, kernelSize k: Int,
        padding: Int, image: UnsafeMutablePointer<Float>
    ) {
        let plane = height * width
        for c in 0..<channels {
            let channel = image + c * plane
            for i in 0..<k {
                for j in 0..<k {
                    let row = columns + ((c * k + i) * k + j) * plane
                    let w = SameShift(i: i, j: j, height: height, width: width, padding: padding)
                    if w.span.isEmpty { continue }
                    zeroPaddingColumns(row, rows: w.rows, width: width, lead: w.lead, trail: w.trail)
                    addRow(w.span.count, row + w.span.lowerBound, channel + w.span.lowerBound + w.shift)
                }
            }
        }
    }

    /// Zeroes the first `lead` and last `trail` columns of each of `rows` in a row-major `width`-wide plane.
    @inlinable
    static func zeroPaddingColumns(_ plane: UnsafeMutablePointer<Float>, rows: Range<Int>, width: Int, lead: Int, trail: Int) {
        if lead == 0 && trail == 0 { return }
        for r in rows {
            let line = plane + r * width
            for x in 0..<lead { line[x] = 0 }
            for x in (width - trail)..<width { line[x] = 0 }
        }
    }
}
