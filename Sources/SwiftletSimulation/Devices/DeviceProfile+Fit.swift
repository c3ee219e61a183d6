import SwiftletNN

extension DeviceProfile {
    /// Whether training `model` at `batchSize` with `optimizer` fits the memory budget, comparing the peak
    /// of ``SwiftletNN/Sequential/memoryReport(batchSize:optimizer:)`` (parameters, gradients, optimizer
    /// state, activations, scratch) to ``memoryBudget``.
    public func fit(_ model: Sequential, batchSize: Int, optimizer: (any Optimizer)? = nil) -> ModelFit {
        let required = model.memoryReport(batchSize: batchSize, optimizer: optimizer).peak
        return required <= memoryBudget ? .fits(required: required, budget: memoryBudget)
                                        : .exceeds(required: required, budget: memoryBudget)
    }
}
