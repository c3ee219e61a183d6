/// What a model costs for one batch — per layer and in total — as reported by
/// ``Sequential/trainingCost(batchSize:)`` and ``Sequential/inferenceCost(batchSize:)``.
public struct ModelCost: Sendable, Equatable {
    /// One layer's share: the parts of its ``LayerCost`` the pass actually runs.
    public struct Entry: Sendable, Equatable {
        /// The layer's name.
        public var name: String
        /// The forward pass.
        public var forward: ComputeCost
        /// The backward pass (zero for inference, and for layers before the first trained one).
        public var backward: ComputeCost

        /// Creates an entry.
        public init(name: String, forward: ComputeCost, backward: ComputeCost) {
            self.name = name
            self.forward = forward
            self.backward = backward
        }
    }

    /// The batch size the cost is for.
    public var batchSize: Int
    /// Per layer, in model order.
    public var layers: [Entry]
    /// The optimizer's parameter update (zero for inference).
    public var update: ComputeCost

    /// Creates a cost.
    public init(batchSize: Int, layers: [Entry], update: ComputeCost) {
        self.batchSize = batchSize
        self.layers = layers
        self.update = update
    }

    /// All forward passes.
    public var forward: ComputeCost { layers.reduce(.zero) { $0 + $1.forward } }
    /// All backward passes.
    public var backward: ComputeCost { layers.reduce(.zero) { $0 + $1.backward } }
    /// Forward, backward and update.
    public var total: ComputeCost { forward + backward + update }
}
