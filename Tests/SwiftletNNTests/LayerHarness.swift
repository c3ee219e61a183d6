import SwiftletTensor
@testable import SwiftletNN

/// Runs one layer outside a model, for forward and backward tests with known answers.
///
/// Parameters are laid out as the layer's ``Layer/parameterSpecs`` say; when none are given they are
/// initialised from `seed` the way the layer initialises itself.
final class LayerHarness {
    let layer: any Layer
    let outputShape: [Int]
    let parameters: AlignedBuffer
    let gradients: AlignedBuffer
    let saved: AlignedBuffer?
    let workspace: AlignedBuffer
    let capacity: Int

    init(_ layer: some Layer, inputShape: [Int], parameters values: [Float]? = nil, capacity: Int = 1,
         training: Bool = true, seed: UInt64 = 1) throws {
        self.layer = layer
        self.capacity = capacity
        outputShape = try layer.build(inputShape: inputShape)
        parameters = AlignedBuffer(count: layer.parameterCount)
        if let values, !values.isEmpty || layer.parameterCount == 0 {
            precondition(values.count == layer.parameterCount, "expected \(layer.parameterCount) parameters")
            for (i, v) in values.enumerated() { parameters.baseAddress[i] = v }
        } else {
            var generator = SeededGenerator(seed: seed)
            layer.initializeParameters(parameters.buffer, generator: &generator)
        }
        gradients = AlignedBuffer(count: layer.parameterCount)
        var pointers: [UnsafeMutablePointer<Float>?] = []
        var offset = 0
        for spec in layer.parameterSpecs {
            pointers.append(training ? gradients.baseAddress + offset : nil)
            offset += spec.count
        }
        layer.bind(parameters: parameters.baseAddress, gradients: pointers)
        let memory = layer.memory(capacity: capacity, training: training)
        saved = memory.saved > 0 ? AlignedBuffer(count: memory.saved) : nil
        layer.prepare(capacity: capacity, saved: saved?.baseAddress)
        workspace = AlignedBuffer(count: max(memory.workspace, 1))
    }

    /// The output for `input` (`batchSize` samples), in training or inference mode.
    func forward(_ input: [Float], batchSize: Int = 1, training: Bool = true) -> [Float] {
        var output = [Float](repeating: .nan, count: batchSize * outputShape.reduce(1, *))
        let context = LayerContext(pool: .serial, training: training, workspace: workspace.baseAddress)
        input.withUnsafeBufferPointer { x in
            output.withUnsafeMutableBufferPointer { y in
                layer.forward(x.baseAddress!, y.baseAddress!, batchSize: batchSize, context: context)
            }
        }
        return output
    }

    /// The input gradient for `outputGradient`, after a forward pass on `input`.
    func inputGradient(input: [Float], outputGradient: [Float], batchSize: Int = 1) -> [Float] {
        let output = forward(input, batchSize: batchSize)
        var dY = outputGradient
        var dX = [Float](repeating: .nan, count: input.count)
        let context = LayerContext(pool: .serial, training: true, workspace: workspace.baseAddress)
        input.withUnsafeBufferPointer { x in
            output.withUnsafeBufferPointer { y in
                dY.withUnsafeMutableBufferPointer { dy in
                    dX.withUnsafeMutableBufferPointer { dx in
                        layer.backward(input: x.baseAddress!, output: y.baseAddress!, outputGradient: dy.baseAddress!,
                                       inputGradient: dx.baseAddress!, batchSize: batchSize, context: context)
                    }
                }
            }
        }
        return dX
    }
}

/// One forward pass of `layer` with chosen (or seeded) parameters; see ``LayerHarness``.
func runLayer(
    _ layer: some Layer, inputShape: [Int], input: [Float], batchSize: Int = 1,
    parameters: [Float]? = nil, training: Bool = false, seed: UInt64 = 1
) throws -> [Float] {
    let harness = try LayerHarness(layer, inputShape: inputShape, parameters: parameters, capacity: batchSize,
                                   training: training, seed: seed)
    return harness.forward(input, batchSize: batchSize, training: training)
}
