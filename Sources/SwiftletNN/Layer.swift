import SwiftletTensor

/// One named parameter tensor of a layer, such as a dense layer's `weight` or `bias`.
public struct ParameterSpec: Sendable, Equatable {
    /// What role the tensor plays; bias-only training (TinyTL) trains just the `.bias` tensors.
    public enum Role: Sendable, Equatable { case weight, bias, normalization, embedding }

    /// The tensor's name within its layer (`weight`, `bias`, `weight_ih`, …).
    public var name: String
    /// The tensor's shape, PyTorch's layout where PyTorch has an equivalent layer.
    public var shape: [Int]
    /// The tensor's role.
    public var role: Role

    /// Creates a spec.
    public init(name: String, shape: [Int], role: Role) {
        self.name = name
        self.shape = shape
        self.role = role
    }

    /// The number of scalars.
    public var count: Int { shape.reduce(1, *) }
}

/// Scratch and saved memory a layer asks the model to plan for a batch capacity, in floats.
public struct LayerMemory: Sendable, Equatable {
    /// Floats the layer keeps from forward to backward itself (dropout masks, LSTM gates, normalisation
    /// statistics) — beyond the input and output activations the model keeps for it.
    public var saved: Int
    /// Scratch floats used only during one forward or backward call and shared by all layers.
    public var workspace: Int

    /// Creates a requirement.
    public init(saved: Int = 0, workspace: Int = 0) {
        self.saved = saved
        self.workspace = workspace
    }
}

/// What a layer's backward pass reads, so the model keeps only those activations.
public struct BackwardNeeds: Sendable, Equatable {
    /// The layer reads its forward input during backward.
    public var input: Bool
    /// The layer reads its forward output during backward.
    public var output: Bool

    /// Creates a need.
    public init(input: Bool, output: Bool) {
        self.input = input
        self.output = output
    }

    /// Needs neither activation.
    public static let none = BackwardNeeds(input: false, output: false)
}

/// The per-call environment a layer runs in.
public struct LayerContext {
    /// Where parallel kernels run.
    public var pool: ComputePool
    /// True during a training step (dropout active, saved buffers written), false for inference.
    public var training: Bool
    /// Shared scratch of at least the largest ``LayerMemory/workspace`` any layer asked for.
    public var workspace: UnsafeMutablePointer<Float>

    /// Creates a context.
    public init(pool: ComputePool, training: Bool, workspace: UnsafeMutablePointer<Float>) {
        self.pool = pool
        self.training = training
        self.workspace = workspace
    }
}

/// A differentiable layer of a ``Sequential`` model.
///
/// Layers are classes: each is bound to its slice of the model's single parameter buffer and to buffers the
/// model plans once per batch capacity, so it has identity. A layer never allocates in ``forward(_:_:batchSize:context:)``
/// or ``backward(input:output:outputGradient:inputGradient:batchSize:context:)``.
///
/// Lifecycle: ``build(inputShape:)`` once; ``bind(parameters:gradients:)`` whenever the model's
/// buffers or trainable mask change; ``prepare(capacity:saved:)`` when the batch capacity changes; then
/// any number of forward/backward calls with `batchSize <= capacity`.
/// Activations are row-major with the batch outermost; images are channels-first (`[C, H, W]`, as PyTorch).
public protocol Layer: AnyObject {
    /// A name unique within the model (`conv1`, `fc2`, …): used in errors, memory reports and safetensors keys.
    var name: String { get set }
    /// A short description of the layer's configuration, such as `Dense(784 → 200)`.
    var summary: String { get }
    /// Validates the per-sample input shape and returns the per-sample output shape.
    func build(inputShape: [Int]) throws(ModelError) -> [Int]
    /// The layer's parameter tensors, in the order they are laid out in its slice of the parameter buffer.
    var parameterSpecs: [ParameterSpec] { get }
    /// Writes initial values (PyTorch's default initialisation unless the layer documents otherwise).
    func initializeParameters(_ parameters: UnsafeMutableBufferPointer<Float>, generator: inout SeededGenerator)
    /// Binds the layer to its parameters and, per spec in order, to its gradient storage (`nil` = frozen).
    func bind(parameters: UnsafeMutablePointer<Float>, gradients: [UnsafeMutablePointer<Float>?])
    /// What backward reads, given whether the caller needs the input gradient.
    func backwardNeeds(inputGradient: Bool) -> BackwardNeeds
    /// The memory the layer needs for batches of up to `capacity` samples.
    func memory(capacity: Int, training: Bool) -> LayerMemory
    /// What the layer costs for a batch of `batchSize` samples: the FLOPs and memory traffic of its forward
    /// pass and of both halves of its backward pass (counting rules in ``ComputeCost``). Valid after
    /// ``build(inputShape:)``; the simulator turns it into device compute time and energy.
    func cost(batchSize: Int) -> LayerCost
    /// Hands the layer its saved buffer (``LayerMemory/saved`` floats, or `nil` when it asked for none).
    func prepare(capacity: Int, saved: UnsafeMutablePointer<Float>?)
    /// Checks raw user input before the first layer runs (only the model's first layer is asked), for
    /// layers whose input has more structure than "finite floats" — an embedding's token indices.
    func validate(input: UnsafePointer<Float>, batchSize: Int) throws(ModelError)
    /// Computes `output` from `input` for `batchSize` samples.
    func forward(_ input: UnsafePointer<Float>, _ output: UnsafeMutablePointer<Float>, batchSize: Int, context: LayerContext)
    /// Writes parameter gradients (overwriting) and, if `inputGradient` is non-nil, the gradient of the loss
    /// with respect to the input. `input`/`output` are non-nil exactly when ``backwardNeeds(inputGradient:)``
    /// asked for them. The layer may overwrite `outputGradient`.
    func backward(
        input: UnsafePointer<Float>?, output: UnsafePointer<Float>?,
        outputGradient: UnsafeMutablePointer<Float>, inputGradient: UnsafeMutablePointer<Float>?,
        batchSize: Int, context: LayerContext
    )
    /// Whether the last ``backward(input:output:outputGradient:inputGradient:batchSize:context:)`` proved
    /// every parameter gradient it wrote finite, so the model need not scan them for NaN and infinity.
    ///
    /// A layer may prove this from its operands more cheaply than a scan (``Dense`` bounds its products);
    /// the default, `false`, has the model scan the layer's gradients after its backward pass.
    var gradientsProvedFinite: Bool { get }
}

extension Layer {
    /// The number of scalars across all parameter tensors.
    public var parameterCount: Int { parameterSpecs.reduce(0) { $0 + $1.count } }

    public func initializeParameters(_ parameters: UnsafeMutableBufferPointer<Float>, generator: inout SeededGenerator) {}
    public func bind(parameters: UnsafeMutablePointer<Float>, gradients: [UnsafeMutablePointer<Float>?]) {}
    public func memory(capacity: Int, training: Bool) -> LayerMemory { LayerMemory() }
    public func prepare(capacity: Int, saved: UnsafeMutablePointer<Float>?) {}
    public func validate(input: UnsafePointer<Float>, batchSize: Int) throws(ModelError) {}
    public var parameterSpecs: [ParameterSpec] { [] }
    public var gradientsProvedFinite: Bool { false }
}
