import SwiftletTensor

/// The buffers a ``Sequential`` model uses for batches of up to ``capacity`` samples, planned once.
///
/// Activations that some backward pass reads are kept, each in its own buffer; the others share two
/// ping-pong buffers. Activation gradients alternate between two more buffers. Layers that precede every
/// trainable tensor run no backward pass at all and so keep nothing.
final class ExecutionPlan {
    let capacity: Int
    /// Index of the first layer whose backward runs (`layers.count` if none does).
    let firstBackward: Int
    /// `activations[i]` holds the output of layer `i - 1`; `activations[0]` is set to the caller's input per call.
    var activations: [UnsafeMutablePointer<Float>]
    /// Whether `activations[i]` is kept for backward (else it shares a ping-pong buffer).
    let kept: [Bool]
    let needs: [BackwardNeeds]
    let gradientBuffers: (UnsafeMutablePointer<Float>, UnsafeMutablePointer<Float>)
    let workspace: UnsafeMutablePointer<Float>
    let savedByLayer: [Int]
    /// Per-kind byte counts for the memory report.
    let keptActivationBytes: Int
    let layerSavedBytes: Int
    let transientBytes: Int
    let gradientBufferBytes: Int
    let workspaceBytes: Int
    private let storage: [AlignedBuffer]

    init(layers: [any Layer], shapes: [[Int]], capacity: Int, firstTrainable: Int?, pool: ComputePool) {
        self.capacity = capacity
        let n = layers.count
        let sizes = shapes.map { $0.reduce(1, *) }
        let first = firstTrainable ?? n
        firstBackward = first
        var needs = [BackwardNeeds](repeating: .none, count: n)
        for i in first..<n {
            needs[i] = layers[i].backwardNeeds(inputGradient: i > first)
        }
        self.needs = needs
        // kept[i]: activation i is read by the backward of layer i (as input) or layer i - 1 (as output).
        var kept = [Bool](repeating: false, count: n + 1)
        for i in 0...n {
            let asInput = i < n && needs[i].input
            let asOutput = i > 0 && needs[i - 1].output
            kept[i] = asInput || asOutput
        }
        kept[n] = true  // the model output feeds the loss
        self.kept = kept

        var buffers: [AlignedBuffer] = []
        func allocate(_ count: Int) -> UnsafeMutablePointer<Float> {
            let buffer = AlignedBuffer(count: count)
            buffers.append(buffer)
            return buffer.baseAddress
        }
        var keptBytes = 0
        var transientMax = 0
        for i in 1..<(n + 1) where !kept[i] { transientMax = max(transientMax, sizes[i] * capacity) }
        let pingPong = transientMax > 0 ? (allocate(transientMax), allocate(transientMax)) : nil
        var activations = [UnsafeMutablePointer<Float>](repeating: UnsafeMutablePointer<Float>(bitPattern: 64)!, count: n + 1)
        var lastTransient = 1
        for i in 1..<(n + 1) {  // not 1...n: a model with no layers has n = 0
            if kept[i] {
                activations[i] = allocate(sizes[i] * capacity)
                keptBytes += sizes[i] * capacity * 4
            } else {
                // Alternate so a layer never reads and writes the same transient buffer.
                lastTransient = (!kept[i - 1] && i > 1) ? 1 - lastTransient : 0
                activations[i] = lastTransient == 0 ? pingPong!.0 : pingPong!.1
            }
        }
        self.activations = activations
        keptActivationBytes = keptBytes
        transientBytes = pingPong == nil ? 0 : 2 * transientMax * 4

        // Gradients of activations first + 1 ... n flow backward; layer `first` needs no input gradient.
        var gradientMax = sizes[n] * capacity
        if first < n {
            for i in (first + 1)...n { gradientMax = max(gradientMax, sizes[i] * capacity) }
        }
        gradientBuffers = (allocate(gradientMax), allocate(gradientMax))
        gradientBufferBytes = 2 * gradientMax * 4

        var workspaceMax = 1
        var savedTotal = 0
        var savedByLayer = [Int](repeating: 0, count: n)
        for (i, layer) in layers.enumerated() {
            let memory = layer.memory(capacity: capacity, training: i >= first)
            workspaceMax = max(workspaceMax, memory.workspace)
            let saved = i >= first ? memory.saved : 0
            savedByLayer[i] = saved
            savedTotal += saved
        }
        self.savedByLayer = savedByLayer
        // Layers state scratch per thread (ComputePool hands part i the slice at i × per-part count).
        workspaceMax *= pool.threadCount
        workspace = allocate(workspaceMax)
        workspaceBytes = workspaceMax * 4
        layerSavedBytes = savedTotal * 4
        for (i, layer) in layers.enumerated() {
            layer.prepare(capacity: capacity, saved: savedByLayer[i] > 0 ? allocate(savedByLayer[i]) : nil)
        }
        storage = buffers
    }
}
