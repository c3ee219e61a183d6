import SwiftletTensor

/// The buffers of an ``ExecutionLayout``, allocated once and bound to the layers.
final class ExecutionPlan {
    let layout: ExecutionLayout
    /// `activations[i]` holds the output of layer `i - 1`; `activations[0]` is set to the caller's input per call.
    var activations: [UnsafeMutablePointer<Float>]
    let gradientBuffers: (UnsafeMutablePointer<Float>, UnsafeMutablePointer<Float>)
    let workspace: UnsafeMutablePointer<Float>
    private let storage: [AlignedBuffer]

    var capacity: Int { layout.capacity }
    var firstBackward: Int { layout.firstBackward }
    var needs: [BackwardNeeds] { layout.needs }

    init(layers: [any Layer], layout: ExecutionLayout) {
        self.layout = layout
        var buffers: [AlignedBuffer] = []
        func allocate(_ count: Int) -> UnsafeMutablePointer<Float> {
            let buffer = AlignedBuffer(count: count)
            buffers.append(buffer)
            return buffer.baseAddress
        }
        let n = layers.count
        let pingPong = layout.transientCount > 0 ? (allocate(layout.transientCount), allocate(layout.transientCount)) : nil
        var activations = [UnsafeMutablePointer<Float>](repeating: UnsafeMutablePointer<Float>(bitPattern: 64)!, count: n + 1)
        var lastTransient = 1
        for i in 1..<(n + 1) {  // not 1...n: a model with no layers has n = 0
            if layout.kept[i] {
                activations[i] = allocate(layout.activationCounts[i])
            } else {
                // Alternate so a layer never reads and writes the same transient buffer.
                lastTransient = (!layout.kept[i - 1] && i > 1) ? 1 - lastTransient : 0
                activations[i] = lastTransient == 0 ? pingPong!.0 : pingPong!.1
            }
        }
        self.activations = activations
        gradientBuffers = (allocate(layout.gradientCount), allocate(layout.gradientCount))
        workspace = allocate(layout.workspaceCount)
        for (i, layer) in layers.enumerated() {
            let saved = layout.savedByLayer[i]
            layer.prepare(capacity: layout.capacity, saved: saved > 0 ? allocate(saved) : nil)
        }
        storage = buffers
    }
}
