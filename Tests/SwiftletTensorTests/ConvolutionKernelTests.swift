import Testing
import SwiftletTensor

@Suite struct ConvolutionKernelTests {
    @Test func im2colPlacesPaddedWindowsInRows() {
        // 1×2×2 image [[1, 2], [3, 4]], k = 2, padding 1, stride 1 → 3×3 windows, 4 rows.
        let image: [Float] = [1, 2, 3, 4]
        var columns = [Float](repeating: -1, count: 4 * 9)
        image.withUnsafeBufferPointer { x in
            columns.withUnsafeMutableBufferPointer { c in
                Kernels.im2col(x.baseAddress!, channels: 1, height: 2, width: 2, kernelSize: 2, stride: 1, padding: 1,
                               outHeight: 3, outWidth: 3, columns: c.baseAddress!)
            }
        }
        // Row (i, j) holds image[oh − 1 + i, ow − 1 + j].
        #expect(columns == [
            0, 0, 0, 0, 1, 2, 0, 3, 4,  // i = 0, j = 0
            0, 0, 0, 1, 2, 0, 3, 4, 0,  // i = 0, j = 1
            0, 1, 2, 0, 3, 4, 0, 0, 0,  // i = 1, j = 0
            1, 2, 0, 3, 4, 0, 0, 0, 0,  // i = 1, j = 1
        ])
    }

    @Test func col2imSumsOverlappingWindows() {
        // All-ones columns of a 3×3 image, k = 2, stride 1: each pixel receives one 1 per window covering it.
        var image = [Float](repeating: -1, count: 9)
        let columns = [Float](repeating: 1, count: 4 * 4)
        columns.withUnsafeBufferPointer { c in
            image.withUnsafeMutableBufferPointer { x in
                Kernels.col2im(c.baseAddress!, channels: 1, height: 3, width: 3, kernelSize: 2, stride: 1, padding: 0,
                               outHeight: 2, outWidth: 2, image: x.baseAddress!)
            }
        }
        #expect(image == [1, 2, 1, 2, 4, 2, 1, 2, 1])
    }

    @Test func im2colWithStrideSkipsPixels() {
        // 1×3×3 image 1…9, k = 1, stride 2 → pixels (0,0), (0,2), (2,0), (2,2).
        let image: [Float] = [1, 2, 3, 4, 5, 6, 7, 8, 9]
        var columns = [Float](repeating: -1, count: 4)
        image.withUnsafeBufferPointer { x in
            columns.withUnsafeMutableBufferPointer { c in
                Kernels.im2col(x.baseAddress!, channels: 1, height: 3, width: 3, kernelSize: 1, stride: 2, padding: 0,
                               outHeight: 2, outWidth: 2, columns: c.baseAddress!)
            }
        }
        #expect(columns == [1, 3, 7, 9])
    }
}

@Suite struct WideRowKernelTests {
    /// im2col written out index by index.
    func naiveColumns(_ image: [Float], channels: Int, height: Int, width: Int, k: Int, padding: Int) -> [Float] {
        let oh = height + 2 * padding - k + 1, ow = width + 2 * padding - k + 1
        var columns: [Float] = []
        for c in 0..<channels {
            for i in 0..<k {
                for j in 0..<k {
                    for y in 0..<oh {
                        for x in 0..<ow {
                            let iy = y - padding + i, ix = x - padding + j
                            let inside = iy >= 0 && iy < height && ix >= 0 && ix < width
                            columns.append(inside ? image[(c * height + iy) * width + ix] : 0)
                        }
                    }
                }
            }
        }
        return columns
    }

    @Test func im2colAndCol2imHandleRowsLongerThanAVector() {
        // Rows of 11 and 13 floats exercise the vector loop and the overlapping vector tail.
        for (height, width) in [(5, 11), (4, 13), (1, 9), (2, 3)] {
            let image = (0..<(2 * height * width)).map { Float($0 % 17) - 8 }
            let columns = naiveColumns(image, channels: 2, height: height, width: width, k: 3, padding: 1)
            var fast = [Float](repeating: -1, count: columns.count)
            image.withUnsafeBufferPointer { x in
                fast.withUnsafeMutableBufferPointer { c in
                    Kernels.im2col(x.baseAddress!, channels: 2, height: height, width: width, kernelSize: 3, stride: 1,
                                   padding: 1, outHeight: height, outWidth: width, columns: c.baseAddress!)
                }
            }
            #expect(fast == columns)
            // col2im of the columns counts each pixel once per window covering it: 9 inside, fewer at edges.
            var folded = [Float](repeating: -1, count: image.count)
            columns.withUnsafeBufferPointer { c in
                folded.withUnsafeMutableBufferPointer { x in
                    Kernels.col2im(c.baseAddress!, channels: 2, height: height, width: width, kernelSize: 3, stride: 1,
                                   padding: 1, outHeight: height, outWidth: width, image: x.baseAddress!)
                }
            }
            for c in 0..<2 {
                for y in 0..<height {
                    for x in 0..<width {
                        let rows = (max(0, y - 1)...min(height - 1, y + 1)).count
                        let cols = (max(0, x - 1)...min(width - 1, x + 1)).count
                        let index = (c * height + y) * width + x
                        #expect(folded[index] == image[index] * Float(rows * cols), "pixel \(c), \(y), \(x)")
                    }
                }
            }
        }
    }

    @Test func samePaddedFiveByFiveColumnsMatchTheNaiveUnfolding() {
        // k = 5, padding 2, stride 1 keeps the size: the shifted-copy path, including a 2×3 image smaller
        // than the kernel and rows 0 and 1 that are entirely padding for some kernel rows.
        for (height, width) in [(7, 9), (2, 3), (14, 14)] {
            let image = (0..<(3 * height * width)).map { Float($0 % 23) - 11 }
            let columns = naiveColumns(image, channels: 3, height: height, width: width, k: 5, padding: 2)
            var fast = [Float](repeating: -1, count: columns.count)
            image.withUnsafeBufferPointer { x in
                fast.withUnsafeMutableBufferPointer { c in
                    Kernels.im2col(x.baseAddress!, channels: 3, height: height, width: width, kernelSize: 5, stride: 1,
                                   padding: 2, outHeight: height, outWidth: width, columns: c.baseAddress!)
                }
            }
            #expect(fast == columns, "\(height)×\(width)")
            // col2im of all-ones columns counts the windows covering each pixel.
            var folded = [Float](repeating: -1, count: image.count)
            var ones = [Float](repeating: 1, count: columns.count)
            ones.withUnsafeMutableBufferPointer { c in
                folded.withUnsafeMutableBufferPointer { x in
                    Kernels.col2im(c.baseAddress!, channels: 3, height: height, width: width, kernelSize: 5, stride: 1,
                                   padding: 2, outHeight: height, outWidth: width, image: x.baseAddress!)
                }
            }
            func covering(_ p: Int, _ extent: Int) -> Int { (max(0, p - 2)...min(extent - 1, p + 2)).count }
            var expected: [Float] = []
            for _ in 0..<3 {
                for y in 0..<height { for x in 0..<width { expected.append(Float(covering(y, height) * covering(x, width))) } }
            }
            #expect(folded == expected, "\(height)×\(width)")
        }
    }
}
