import Testing
import SwiftletTensor

@Suite struct ValidConvolutionKernelTests {
    /// im2col of an unpadded stride-1 convolution written out index by index.
    func naiveColumns(_ image: [Float], channels: Int, height: Int, width: Int, k: Int) -> [Float] {
        var columns: [Float] = []
        for c in 0..<channels {
            for i in 0..<k {
                for j in 0..<k {
                    for y in 0...(height - k) {
                        for x in 0...(width - k) { columns.append(image[(c * height + y + i) * width + x + j]) }
                    }
                }
            }
        }
        return columns
    }

    /// The general col2im (stride 1, no padding), the reference the narrow fold must match bit for bit.
    func generalFold(_ columns: [Float], channels: Int, height: Int, width: Int, k: Int) -> [Float] {
        var image = [Float](repeating: .nan, count: channels * height * width)
        columns.withUnsafeBufferPointer { c in
            image.withUnsafeMutableBufferPointer { x in
                Kernels.col2im(c.baseAddress!, channels: channels, height: height, width: width, kernelSize: k,
                               stride: 1, padding: 0, outHeight: height - k + 1, outWidth: width - k + 1,
                               image: x.baseAddress!)
            }
        }
        return image
    }

    /// The narrow fold, with the 16 readable floats it needs past the matrix set to NaN so any leak shows.
    func narrowFold(_ columns: [Float], channels: Int, height: Int, width: Int, k: Int) -> [Float] {
        let padded = columns + [Float](repeating: .nan, count: 16)
        var image = [Float](repeating: .nan, count: channels * height * width)
        padded.withUnsafeBufferPointer { c in
            image.withUnsafeMutableBufferPointer { x in
                Kernels.col2imValidNarrow(c.baseAddress!, channels: channels, height: height, width: width,
                                          kernelSize: k, image: x.baseAddress!)
            }
        }
        return image
    }

    @Test func unpaddedColumnsMatchTheNaiveUnfolding() {
        // LeNet-5's second convolution (14×14, k = 5: runs of 10), runs shorter than a vector, and a wide image.
        for (height, width, k) in [(14, 14, 5), (5, 6, 3), (4, 4, 4), (6, 37, 5)] {
            let image = (0..<(2 * height * width)).map { Float($0 % 19) - 9 }
            let columns = naiveColumns(image, channels: 2, height: height, width: width, k: k)
            var fast = [Float](repeating: -1, count: columns.count)
            image.withUnsafeBufferPointer { x in
                fast.withUnsafeMutableBufferPointer { c in
                    Kernels.im2col(x.baseAddress!, channels: 2, height: height, width: width, kernelSize: k, stride: 1,
                                   padding: 0, outHeight: height - k + 1, outWidth: width - k + 1,
                                   columns: c.baseAddress!)
                }
            }
            #expect(fast == columns, "\(height)×\(width), k = \(k)")
        }
    }

    @Test func narrowFoldOfAllOnesCountsTheWindowsCoveringEachPixel() {
        // 4×5 image, k = 2 → 3×4 windows; pixel (y, x) is covered by (rows) × (columns) windows.
        let image = narrowFold([Float](repeating: 1, count: 4 * 12), channels: 1, height: 4, width: 5, k: 2)
        #expect(image == [
            1, 2, 2, 2, 1,
            2, 4, 4, 4, 2,
            2, 4, 4, 4, 2,
            1, 2, 2, 2, 1,
        ])
    }

    @Test func narrowFoldMatchesTheGeneralFoldBitForBit() {
        // Widths below 8, between 8 and 16, and exactly 16 take the three store paths; values with many
        // significant bits make any change in the order of the additions visible.
        for (height, width, k) in [(14, 14, 5), (6, 5, 3), (9, 16, 5), (7, 9, 2), (3, 3, 3), (5, 12, 1)] {
            let count = 3 * k * k * (height - k + 1) * (width - k + 1)
            var generator = SeededGenerator(seed: UInt64(width * 100 + height))
            let columns = (0..<count).map { _ in generator.nextFloat(in: -1...1) * 1000 }
            let narrow = narrowFold(columns, channels: 3, height: height, width: width, k: k)
            let general = generalFold(columns, channels: 3, height: height, width: width, k: k)
            #expect(narrow.map(\.bitPattern) == general.map(\.bitPattern), "\(height)×\(width), k = \(k)")
        }
    }
}
