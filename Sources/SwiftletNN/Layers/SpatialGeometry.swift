/// The shapes of a sliding-window layer (convolution or pooling) over `[C, H, W]` inputs, validated once
/// in `build`.
///
/// Output size follows PyTorch without `ceil_mode`: `(H + 2p − k) / s + 1`, rounded down.
struct SpatialGeometry: Equatable {
    var channels = 0, height = 0, width = 0
    var kernelSize = 0, stride = 0, padding = 0
    var outHeight = 0, outWidth = 0

    init() {}

    /// Checks the hyper-parameters and the input shape, naming `layer` in any error.
    init(layer: String, inputShape: [Int], kernelSize: Int, stride: Int, padding: Int) throws(ModelError) {
        guard kernelSize > 0 else {
            throw .invalidConfiguration(layer: layer, reason: "kernel size must be positive, got \(kernelSize)")
        }
        guard stride > 0 else {
            throw .invalidConfiguration(layer: layer, reason: "stride must be positive, got \(stride)")
        }
        guard padding >= 0, padding < kernelSize else {
            throw .invalidConfiguration(
                layer: layer, reason: "padding must be in 0..<\(kernelSize) (the kernel size), got \(padding)")
        }
        guard inputShape.count == 3, inputShape.allSatisfy({ $0 > 0 }) else {
            throw .shapeMismatch(layer: layer, expected: "[channels, height, width]", actual: inputShape)
        }
        channels = inputShape[0]
        height = inputShape[1]
        width = inputShape[2]
        self.kernelSize = kernelSize
        self.stride = stride
        self.padding = padding
        let paddedHeight = height + 2 * padding - kernelSize
        let paddedWidth = width + 2 * padding - kernelSize
        guard paddedHeight >= 0, paddedWidth >= 0 else {
            throw .shapeMismatch(
                layer: layer,
                expected: "height and width of at least \(kernelSize - 2 * padding) for kernel \(kernelSize), padding \(padding)",
                actual: inputShape)
        }
        outHeight = paddedHeight / stride + 1
        outWidth = paddedWidth / stride + 1
    }

    /// Floats per input sample.
    var inputSize: Int { channels * height * width }
    /// Floats per input channel plane.
    var inputPlane: Int { height * width }
    /// Floats per output channel plane.
    var outputPlane: Int { outHeight * outWidth }
    /// True when the window is one pixel and moves one pixel: the image already is its column matrix.
    var isPointwise: Bool { kernelSize == 1 && stride == 1 && padding == 0 }
}
