import SwiftletTensor

extension Sequential {
    /// Chooses which tensors are trained, re-allocating gradient storage and re-planning buffers.
    ///
    /// - Throws: ``ModelError/unknownLayer(_:)`` if the mask names a layer the model does not have.
    public func applyMask(_ mask: TrainableMask) throws(ModelError) {
        for name in mask.mentionedNames where layer(named: name) == nil { throw .unknownLayer(name) }
        let parametrized = layers.indices.filter { layers[$0].parameterCount > 0 }
        var segments: [ParameterSegment] = []
        var trainableFlags: [[Bool]] = []
        var gradientCount = 0
        for (index, layer) in layers.enumerated() {
            var flags: [Bool] = []
            var offset = parameterOffsets[index]
            for spec in layer.parameterSpecs {
                let trainable = mask.isTrainable(spec, layerIndex: index, name: layer.name, parametrizedIndices: parametrized)
                flags.append(trainable)
                if trainable && spec.count > 0 {
                    if var last = segments.last, last.parameterOffset + last.count == offset {
                        last.count += spec.count
                        segments[segments.count - 1] = last
                    } else {
                        segments.append(ParameterSegment(parameterOffset: offset, gradientOffset: gradientCount, count: spec.count, layer: layer.name))
                    }
                    gradientCount += spec.count
                }
                offset += spec.count
            }
            trainableFlags.append(flags)
        }
        gradientStorage = AlignedBuffer(count: gradientCount)
        var gradientCursor = 0
        var ranges: [Range<Int>] = []
        for (index, layer) in layers.enumerated() {
            let start = gradientCursor
            defer { ranges.append(start..<gradientCursor) }
            var pointers: [UnsafeMutablePointer<Float>?] = []
            for (s, spec) in layer.parameterSpecs.enumerated() {
                if trainableFlags[index][s] {
                    pointers.append(gradientStorage.baseAddress + gradientCursor)
                    gradientCursor += spec.count
                } else {
                    pointers.append(nil)
                }
            }
            layer.bind(parameters: parameterStorage.baseAddress + parameterOffsets[index], gradients: pointers)
        }
        self.segments = segments
        layerGradientRanges = ranges
        trainableMask = mask
        self.trainableFlags = trainableFlags
        let capacity = plan?.capacity
        plan = nil
        if let capacity { plan(capacity: capacity) }
    }

    /// Index of the first layer with a trainable tensor, or `nil` if nothing is trained.
    var firstTrainableLayer: Int? {
        trainableFlags.firstIndex { $0.contains(true) }
    }

    /// Plans buffers for batches of up to `capacity` samples (done automatically on first use).
    public func plan(capacity: Int) {
        plan = ExecutionPlan(layers: layers, layout: layout(capacity: capacity))
    }

    func layout(capacity: Int) -> ExecutionLayout {
        ExecutionLayout(layers: layers, shapes: shapes, capacity: capacity, firstTrainable: firstTrainableLayer,
                        threads: pool.threadCount)
    }

    /// The training memory at batch size `batchSize`, with `optimizer`'s state for the trainable tensors.
    public func memoryReport(batchSize: Int, optimizer: (any Optimizer)? = nil) -> MemoryReport {
        let report = layout(capacity: batchSize)
        return MemoryReport(
            batchSize: batchSize,
            parameters: parameterCount * 4,
            gradients: trainableParameterCount * 4,
            optimizerState: (optimizer?.stateScalarsPerParameter ?? 0) * trainableParameterCount * 4,
            activations: report.activationBytes,
            transient: report.transientBytes,
            workspace: report.workspaceBytes
        )
    }

    func ensurePlan(batchSize: Int) throws(ModelError) -> ExecutionPlan {
        guard batchSize > 0, batchSize <= 1 << 24 else { throw .invalidBatchSize(batchSize) }
        if let plan, plan.capacity >= batchSize { return plan }
        plan(capacity: batchSize)
        return plan!
    }

    func checkInput(_ input: UnsafeBufferPointer<Float>, batchSize: Int) throws(ModelError) {
        guard input.count == batchSize * inputSize else {
            throw .inputSizeMismatch(expected: batchSize * inputSize, actual: input.count)
        }
        if !Kernels.allFinite(input.baseAddress!, count: input.count) {
            let bad = input.firstIndex { !$0.isFinite }!
            throw .nonFiniteInput(sample: bad / inputSize, index: bad % inputSize)
        }
        if let first = layers.first { try first.validate(input: input.baseAddress!, batchSize: batchSize) }
    }

    /// Throws ``ModelError/nonFiniteGradient(layer:tensor:)`` if layer `index`'s gradient holds NaN or infinity.
    @inline(__always)
    func checkGradient(of index: Int) throws(ModelError) {
        let range = layerGradientRanges[index]
        if range.isEmpty || Kernels.allFinite(gradientStorage.baseAddress + range.lowerBound, count: range.count) { return }
        let bad = gradients[range].firstIndex { !$0.isFinite }!
        let segment = segments.last { $0.gradientOffset <= bad }!
        let located = locate(parameterIndex: segment.parameterOffset + bad - segment.gradientOffset)
        throw .nonFiniteGradient(layer: located.layer, tensor: located.tensor)
    }

    /// Runs the model forward in inference mode and returns its output (`batchSize × outputSize` values).
    ///
    /// The returned buffer belongs to the model and is overwritten by the next call.
    public func forward(_ input: UnsafeBufferPointer<Float>, batchSize: Int) throws(ModelError) -> UnsafeBufferPointer<Float> {
        let plan = try ensurePlan(batchSize: batchSize)
        try checkInput(input, batchSize: batchSize)
        runForward(plan, input: input.baseAddress!, batchSize: batchSize, training: false)
        return UnsafeBufferPointer(start: plan.activations[layers.count], count: batchSize * outputSize)
    }

    func runForward(_ plan: ExecutionPlan, input: UnsafePointer<Float>, batchSize: Int, training: Bool) {
        plan.activations[0] = UnsafeMutablePointer(mutating: input)
        let context = LayerContext(pool: pool, training: training, workspace: plan.workspace)
        for (i, layer) in layers.enumerated() {
            layer.forward(plan.activations[i], plan.activations[i + 1], batchSize: batchSize, context: context)
        }
    }

    /// One optimisation step: forward, loss, backward, then the optimizer's update of the trainable tensors.
    ///
    /// The inputs, targets, loss and gradients are all checked: on any NaN, infinity, bad label or wrong size
    /// the step throws and the parameters are left exactly as they were.
    /// - Returns: the mean loss over the batch.
    @discardableResult
    public func trainStep<L: Loss>(
        input: UnsafeBufferPointer<Float>, targets: UnsafeBufferPointer<L.Target>, batchSize: Int,
        loss: L, optimizer: some Optimizer
    ) throws(ModelError) -> Float {
        let plan = try ensurePlan(batchSize: batchSize)
        try checkInput(input, batchSize: batchSize)
        try loss.validate(targets: targets, batchSize: batchSize, outputSize: outputSize)
        for term in optimizer.gradientTerms { try term.validate(for: self) }
        runForward(plan, input: input.baseAddress!, batchSize: batchSize, training: true)
        let n = layers.count
        let outputGradient = (n % 2 == 0) ? plan.gradientBuffers.0 : plan.gradientBuffers.1
        let value = loss.compute(output: plan.activations[n], targets: targets, batchSize: batchSize,
                                 outputSize: outputSize, gradient: outputGradient)
        guard value.isFinite else { throw .nonFiniteLoss(step: step) }
        let context = LayerContext(pool: pool, training: true, workspace: plan.workspace)
        if plan.firstBackward < n {
            for i in stride(from: n - 1, through: plan.firstBackward, by: -1) {
                let needs = plan.needs[i]
                let dOut = (i + 1) % 2 == 0 ? plan.gradientBuffers.0 : plan.gradientBuffers.1
                let dIn = i > plan.firstBackward ? (i % 2 == 0 ? plan.gradientBuffers.0 : plan.gradientBuffers.1) : nil
                layers[i].backward(
                    input: needs.input ? UnsafePointer(plan.activations[i]) : nil,
                    output: needs.output ? UnsafePointer(plan.activations[i + 1]) : nil,
                    outputGradient: dOut, inputGradient: dIn, batchSize: batchSize, context: context)
                // Checked while the layer's gradient is still in cache, rather than in one pass over all
                // gradients at the end (which re-reads the largest ones from memory), unless the layer
                // proved it finite from its operands.
                if !layers[i].gradientsProvedFinite { try checkGradient(of: i) }
            }
        }
        if trainableParameterCount > 0 {
            // Layers before the first backward one have nothing trainable; checked anyway, in case.
            for i in 0..<min(plan.firstBackward, n) { try checkGradient(of: i) }
            optimizer.update(parameters: parameterStorage.baseAddress, gradients: gradientStorage.baseAddress, segments: segments)
        }
        step += 1
        return value
    }

    /// Mean loss and accuracy (fraction of argmax hits) over a labelled set, in batches of `batchSize`.
    public func evaluate(
        inputs: UnsafeBufferPointer<Float>, labels: UnsafeBufferPointer<Int32>, batchSize: Int = 256
    ) throws(ModelError) -> (loss: Float, accuracy: Float) {
        let count = labels.count
        guard inputs.count == count * inputSize else {
            throw .inputSizeMismatch(expected: count * inputSize, actual: inputs.count)
        }
        guard count > 0 else { return (0, 0) }
        let loss = SoftmaxCrossEntropy()
        try loss.validate(targets: labels, batchSize: count, outputSize: outputSize)
        var totalLoss: Double = 0
        var correct = 0
        var start = 0
        while start < count {
            let size = min(batchSize, count - start)
            let batchInput = UnsafeBufferPointer(rebasing: inputs[(start * inputSize)..<((start + size) * inputSize)])
            let batchLabels = UnsafeBufferPointer(rebasing: labels[start..<(start + size)])
            let output = try forward(batchInput, batchSize: size)
            totalLoss += Double(loss.compute(output: output.baseAddress!, targets: batchLabels, batchSize: size,
                                             outputSize: outputSize, gradient: nil)) * Double(size)
            for s in 0..<size {
                let row = output.baseAddress! + s * outputSize
                var best = 0
                for j in 1..<outputSize where row[j] > row[best] { best = j }
                if best == Int(batchLabels[s]) { correct += 1 }
            }
            start += size
        }
        return (Float(totalLoss / Double(count)), Float(correct) / Float(count))
    }
}
