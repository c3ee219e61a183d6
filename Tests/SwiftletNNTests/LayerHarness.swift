import SwiftletTensor
@testable import SwiftletNN

/// Runs one layer outside a model on hand-written parameters, for forward and backward tests with known
/// answers. Parameters are laid out as the layer's ``Layer/parameterSpecs`` say.
final class LayerHarness {
    let layer: any Layer
    let outputShape: [Int]
    let parameters: AlignedBuffer
    let gradients: AlignedBuffer
    let saved: AlignedBuffer?
    let workspace: AlignedBuffer
    let capacity: Int

    init(_ layer: some Layer, inputShape: [Int], parameters values: [Float] = [], capacity: Int = 1) throws {
        self.layer = layer
        self.capacity = capacity
        outputShape = try layer.build(inputShape: inputShape)
        parameters = AlignedBuffer(count: layer.parameterCount)
        precondition(values.count == layer.parameterCount, "expected \(layer.parameterCount) parameters")
        for (i, v) in values.enumerated() { parameters.baseAddress[i] = v }
        gradients = AlignedBuffer(count: layer.parameterCount)
        var pointers: [UnsafeMutablePointer<Float>?] = []
        var offset = 0
        for spec in layer.parameterSpecs {
            pointers.append(gradients.baseAddress + offset)
            offset += spec.count
        }
        layer.bind(parameters: parameters.baseAddress, gradients: pointers)
        let memory = layer.memory(capacity: capacity, training: true)
        saved = memory.saved > 0 ? AlignedBuffer(count: memory.saved) : nil
        layer.prepare(capacity: capacity, saved: saved?.baseAddress)
        workspace = AlignedBuffer(count: max(memory.workspace, 1))
    }

    /// The training-mode output for `input` (`batchSize` samples).
    func forward(_ input: [Float], batchSize: Int = 1) -> [Float] {
        var output = [Float](repeating: .nan, count: batchSize * outputShape.reduce(1, *))
        let context = LayerContext(pool: .serial, training: true, workspace: workspace.baseAddress)
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
