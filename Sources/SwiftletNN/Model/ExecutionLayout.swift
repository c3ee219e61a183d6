import SwiftletTensor

/// How much memory a ``Sequential`` model needs for batches of up to ``capacity`` samples, and where each
/// activation lives — computed without allocating anything.
///
/// Activations that some backward pass reads are kept, each in its own buffer; the others share two
/// ping-pong buffers. Activation gradients alternate between two more buffers. Layers that precede every
/// trainable tensor run no backward pass at all and so keep nothing. ``ExecutionPlan`` allocates a layout;
/// the memory report only reads one.
struct ExecutionLayout {
    let capacity: Int
    /// Index of the first layer whose backward runs (`layers.count` if none does).
    let firstBackward: Int
    let needs: [BackwardNeeds]
    /// Whether activation `i` (the output of layer `i − 1`) is kept for backward.
    let kept: [Bool]
    /// Floats per activation for the whole batch capacity.
    let activationCounts: [Int]
    /// Floats of each of the two transient ping-pong buffers (0 if every activation is kept).
    let transientCount: Int
    /// Floats of each of the two activation-gradient buffers.
    let gradientCount: Int
    /// Floats of shared scratch, for all of the pool's threads.
    let workspaceCount: Int
    /// Floats each layer keeps from forward to backward itself.
    let savedByLayer: [Int]

    init(layers: [any Layer], shapes: [[Int]], capacity: Int, firstTrainable: Int?, threads: Int) {
        self.capacity = capacity
        let n = layers.count
        let counts = shapes.map { $0.reduce(1, *) * capacity }
        activationCounts = counts
        let first = firstTrainable ?? n
        firstBackward = first
        var needs = [BackwardNeeds](repeating: .none, count: n)
        for i in first..<n { needs[i] = layers[i].backwardNeeds(inputGradient: i > first) }
        self.needs = needs
        // kept[i]: activation i is read by the backward of layer i (as input) or layer i − 1 (as output);
        // the model output always is, since it feeds the loss.
        var kept = [Bool](repeating: false, count: n + 1)
        for i in 0...n { kept[i] = (i < n && needs[i].input) || (i > 0 && needs[i - 1].output) }
        kept[n] = true
        self.kept = kept
        var transient = 0
        for i in 1..<(n + 1) where !kept[i] { transient = max(transient, counts[i]) }  // 1..<n+1: n may be 0
        transientCount = transient
        // Gradients of activations first + 1 … n flow backward; layer `first` needs no input gradient.
        var gradient = counts[n]
        if first < n { for i in (first + 1)...n { gradient = max(gradient, counts[i]) } }
        gradientCount = gradient
        var workspace = 1
        var saved = [Int](repeating: 0, count: n)
        for (i, layer) in layers.enumerated() {
            let memory = layer.memory(capacity: capacity, training: i >= first)
            workspace = max(workspace, memory.workspace)
            saved[i] = i >= first ? memory.saved : 0
        }
        savedByLayer = saved
        // Layers state scratch per thread (ComputePool hands part i the slice at i × per-part count).
        workspaceCount = workspace * max(threads, 1)
    }

    /// Bytes of kept activations plus the layers' own saved buffers.
    var activationBytes: Int {
        var floats = savedByLayer.reduce(0, +)
        for i in 1..<kept.count where kept[i] { floats += activationCounts[i] }
        return floats * 4
    }

    /// Bytes of the transient and activation-gradient ping-pong buffers.
    var transientBytes: Int { 2 * (transientCount + gradientCount) * 4 }

    /// Bytes of shared scratch.
    var workspaceBytes: Int { workspaceCount * 4 }
}
