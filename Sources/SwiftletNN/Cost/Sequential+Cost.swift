extension Sequential {
    /// The cost of one inference batch: every layer's forward pass.
    ///
    /// ``Dropout`` reports its training forward pass (it is an identity copy at inference), so this slightly
    /// over-counts models with dropout.
    public func inferenceCost(batchSize: Int) -> ModelCost {
        let entries = layers.map { layer in
            ModelCost.Entry(name: layer.name, forward: layer.cost(batchSize: batchSize).forward, backward: .zero)
        }
        return ModelCost(batchSize: batchSize, layers: entries, update: .zero)
    }

    /// The cost of one training step on a batch: forward, backward as this model runs it, and the update.
    ///
    /// Backward follows the model's trainable mask as ``Sequential`` executes it: layers before the first
    /// trained one run no backward pass, the first trained layer computes no input gradient, and layers with
    /// no trained tensor compute no parameter gradient. The update is plain SGD (`p ← p − η·g`: two FLOPs,
    /// two reads and one write per trained parameter); momentum or Adam cost a few FLOPs more per parameter,
    /// small beside the passes. The loss function's cost (a softmax over the outputs) is not counted.
    public func trainingCost(batchSize: Int) -> ModelCost {
        let first = firstTrainableLayer
        var entries: [ModelCost.Entry] = []
        entries.reserveCapacity(layers.count)
        for (index, layer) in layers.enumerated() {
            let cost = layer.cost(batchSize: batchSize)
            var backward = ComputeCost.zero
            if let first, index >= first {
                if index > first { backward += cost.inputGradient }
                if trainableFlags[index].contains(true) { backward += cost.parameterGradient }
            }
            entries.append(ModelCost.Entry(name: layer.name, forward: cost.forward, backward: backward))
        }
        let trained = trainableParameterCount
        let update = ComputeCost.floats(flops: 2 * trained, read: 2 * trained, written: trained)
        return ModelCost(batchSize: batchSize, layers: entries, update: update)
    }
}
