import SwiftletTensor
@testable import SwiftletNN

/// Runs one layer on its own with chosen parameters, for forward values checked against hand computation.
///
/// Builds the layer for `inputShape`, initialises its parameters from `seed` unless `parameters` is given,
/// plans saved memory and workspace for `batchSize`, and returns the output of one forward pass.
func runLayer(
    _ layer: some Layer, inputShape: [Int], input: [Float], batchSize: Int = 1,
    parameters: [Float]? = nil, training: Bool = false, seed: UInt64 = 1
) throws -> [Float] {
    let outputShape = try layer.build(inputShape: inputShape)
    let storage = AlignedBuffer(count: layer.parameterCount)
    if let parameters {
        for (i, value) in parameters.enumerated() { storage.baseAddress[i] = value }
    } else {
        var generator = SeededGenerator(seed: seed)
        layer.initializeParameters(storage.buffer, generator: &generator)
    }
    layer.bind(parameters: storage.baseAddress, gradients: layer.parameterSpecs.map { _ in nil })
    let memory = layer.memory(capacity: batchSize, training: training)
    let saved = memory.saved > 0 ? AlignedBuffer(count: memory.saved) : nil
    layer.prepare(capacity: batchSize, saved: saved?.baseAddress)
    let workspace = AlignedBuffer(count: max(memory.workspace, 1))
    let context = LayerContext(pool: .serial, training: training, workspace: workspace.baseAddress)
    var output = [Float](repeating: .nan, count: batchSize * outputShape.reduce(1, *))
    // The buffers are only reached through pointers, so keep them alive explicitly until forward returns.
    withExtendedLifetime((storage, saved, workspace)) {
        input.withUnsafeBufferPointer { x in
            output.withUnsafeMutableBufferPointer { y in
                layer.forward(x.baseAddress!, y.baseAddress!, batchSize: batchSize, context: context)
            }
        }
    }
    return output
}
