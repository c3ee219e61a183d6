import Testing
import SwiftletTensor
@testable import SwiftletNN

/// Checks a layer's backward pass against central finite differences.
///
/// The scalar objective is `L = Σ r ⊙ layer(x)` for a fixed random `r`, so `∂L/∂y = r`. For up to
/// `samplesPerTensor` entries of every parameter tensor and of the input, the analytic gradient from
/// `backward` must match `(L(θ + ε) − L(θ − ε)) / 2ε` within `tolerance` (relative to max(1, |g|)).
/// Layers run in training mode; a layer whose forward is random (dropout) cannot be checked this way.
func checkGradients(
    _ layer: some Layer, inputShape: [Int], batchSize: Int = 3, seed: UInt64 = 7,
    epsilon: Float = 1e-2, tolerance: Float = 2e-2, samplesPerTensor: Int = 40,
    input customInput: [Float]? = nil, checkInput: Bool = true,
    sourceLocation: SourceLocation = #_sourceLocation
) throws {
    let outputShape = try layer.build(inputShape: inputShape)
    let inSize = inputShape.reduce(1, *)
    let outSize = outputShape.reduce(1, *)
    var generator = SeededGenerator(seed: seed)
    let parameters = AlignedBuffer(count: layer.parameterCount)
    layer.initializeParameters(parameters.buffer, generator: &generator)
    // Move parameters away from symmetric or zero initial values so every path is exercised.
    for i in 0..<parameters.count { parameters.baseAddress[i] += generator.nextFloat(in: -0.1...0.1) }
    let gradients = AlignedBuffer(count: layer.parameterCount)
    var pointers: [UnsafeMutablePointer<Float>?] = []
    var offset = 0
    for spec in layer.parameterSpecs {
        pointers.append(gradients.baseAddress + offset)
        offset += spec.count
    }
    layer.bind(parameters: parameters.baseAddress, gradients: pointers)
    let memory = layer.memory(capacity: batchSize, training: true)
    let saved = memory.saved > 0 ? AlignedBuffer(count: memory.saved) : nil
    layer.prepare(capacity: batchSize, saved: saved?.baseAddress)
    let workspace = AlignedBuffer(count: max(memory.workspace, 1) * 2)
    let context = LayerContext(pool: .serial, training: true, workspace: workspace.baseAddress)

    var x = customInput ?? (0..<(batchSize * inSize)).map { _ in generator.nextFloat(in: -1...1) }
    let r = (0..<(batchSize * outSize)).map { _ in generator.nextFloat(in: -1...1) }
    var y = [Float](repeating: 0, count: batchSize * outSize)

    func objective() -> Double {
        x.withUnsafeBufferPointer { xp in
            y.withUnsafeMutableBufferPointer { yp in
                layer.forward(xp.baseAddress!, yp.baseAddress!, batchSize: batchSize, context: context)
            }
        }
        var total = 0.0
        for i in 0..<y.count { total += Double(y[i]) * Double(r[i]) }
        return total
    }

    _ = objective()
    var dY = r
    var dX = [Float](repeating: 0, count: x.count)
    x.withUnsafeBufferPointer { xp in
        y.withUnsafeBufferPointer { yp in
            dY.withUnsafeMutableBufferPointer { dyp in
                dX.withUnsafeMutableBufferPointer { dxp in
                    layer.backward(input: xp.baseAddress!, output: yp.baseAddress!, outputGradient: dyp.baseAddress!,
                                   inputGradient: checkInput ? dxp.baseAddress! : nil, batchSize: batchSize, context: context)
                }
            }
        }
    }

    func compare(_ analytic: Float, _ numeric: Double, _ what: String) {
        let error = abs(Double(analytic) - numeric) / max(1, abs(numeric))
        #expect(error <= Double(tolerance), "\(layer.name) \(what): analytic \(analytic) vs numeric \(numeric)", sourceLocation: sourceLocation)
    }

    offset = 0
    for spec in layer.parameterSpecs {
        let stride = max(1, spec.count / samplesPerTensor)
        for i in Swift.stride(from: 0, to: spec.count, by: stride) {
            let p = parameters.baseAddress + offset + i
            let original = p.pointee
            p.pointee = original + epsilon
            let plus = objective()
            p.pointee = original - epsilon
            let minus = objective()
            p.pointee = original
            compare(gradients.baseAddress[offset + i], (plus - minus) / (2 * Double(epsilon)), "\(spec.name)[\(i)]")
        }
        offset += spec.count
    }
    if checkInput {
        let stride = max(1, x.count / samplesPerTensor)
        for i in Swift.stride(from: 0, to: x.count, by: stride) {
            let original = x[i]
            x[i] = original + epsilon
            let plus = objective()
            x[i] = original - epsilon
            let minus = objective()
            x[i] = original
            compare(dX[i], (plus - minus) / (2 * Double(epsilon)), "input[\(i)]")
        }
    }
}

@Suite struct DenseGradientTests {
    @Test func denseBackwardMatchesFiniteDifferences() throws {
        try checkGradients(Dense(5, name: "fc"), inputShape: [7])
    }

    @Test func denseWithoutBiasBackwardMatchesFiniteDifferences() throws {
        try checkGradients(Dense(4, bias: false, name: "fc"), inputShape: [2, 3])
    }

    @Test func reluBackwardMatchesFiniteDifferences() throws {
        // Inputs kept away from the kink at 0, where the derivative is undefined.
        var generator = SeededGenerator(seed: 3)
        let input = (0..<30).map { _ in (generator.nextFloat(in: 0.1...1)) * (generator.nextUnitFloat() < 0.5 ? -1 : 1) }
        try checkGradients(ReLU(name: "relu"), inputShape: [10], input: input)
    }
}

@Suite struct DenseBlockingTests {
    @Test func largeBatchForwardEqualsSampleBySampleForwardBitForBit() throws {
        // 40 samples run as 16 + 16 + 8 row-broadcast blocks; each must equal the sample run alone.
        let harness = try LayerHarness(Dense(24, name: "fc"), inputShape: [100], capacity: 40, training: false)
        var generator = SeededGenerator(seed: 12)
        let input = (0..<(40 * 100)).map { _ in generator.nextFloat(in: -1...1) }
        let batched = harness.forward(input, batchSize: 40, training: false)
        for s in [0, 15, 16, 31, 32, 39] {
            let single = harness.forward(Array(input[(s * 100)..<((s + 1) * 100)]), batchSize: 1, training: false)
            #expect(Array(batched[(s * 24)..<((s + 1) * 24)]) == single, "sample \(s)")
        }
    }
}
