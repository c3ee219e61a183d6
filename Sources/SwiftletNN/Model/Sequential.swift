import SwiftletTensor

/// A model made of layers applied one after another, with all trainable parameters in one buffer.
///
/// Every layer's parameters are views into ``parameters``, a single contiguous, 64-byte-aligned `Float`
/// buffer laid out layer by layer in the order of ``Layer/parameterSpecs``. Federated aggregation,
/// compression and serialisation read and write that buffer directly, with no copies. Gradients live in
/// one buffer too, holding only the tensors the ``TrainableMask`` leaves trainable.
///
/// Memory for a batch capacity is planned once (see ``plan(capacity:)``); after that a training step
/// allocates nothing on the heap.
public final class Sequential {
    /// The layers, input first.
    public let layers: [any Layer]
    /// The per-sample input shape (no batch dimension).
    public let inputShape: [Int]
    /// The per-sample shape after each layer: `shapes[0]` is the input, `shapes[i + 1]` layer `i`'s output.
    public let shapes: [[Int]]
    /// Where each layer's parameters start in ``parameters``.
    public let parameterOffsets: [Int]
    /// The total number of parameters.
    public let parameterCount: Int

    let parameterStorage: AlignedBuffer
    var gradientStorage: AlignedBuffer
    /// Which parameter tensors are trained.
    public internal(set) var trainableMask: TrainableMask
    /// The trainable ranges of ``parameters`` and where each one's gradient lives.
    public internal(set) var segments: [ParameterSegment] = []
    var plan: ExecutionPlan?
    /// Per layer, per parameter spec: trainable or frozen.
    var trainableFlags: [[Bool]] = []
    /// Per layer, the slice of ``gradients`` it writes (empty for layers with nothing trainable).
    var layerGradientRanges: [Range<Int>] = []
    /// The pool kernels run on. Changing it re-plans the buffers, since workspace is sized per thread.
    public var pool: ComputePool {
        didSet { if pool !== oldValue, let capacity = plan?.capacity { plan(capacity: capacity) } }
    }
    /// The number of optimisation steps taken.
    public internal(set) var step = 0

    /// Builds a model, checks every layer against the shape it receives, and initialises parameters from `seed`.
    ///
    /// - Throws: ``ModelError/shapeMismatch(layer:expected:actual:)`` naming the first layer that cannot
    ///   accept its input, or ``ModelError/duplicateLayerName(_:)``.
    public init(inputShape: [Int], layers: [any Layer], seed: UInt64 = 0, pool: ComputePool = .serial) throws(ModelError) {
        var seen = Set<String>()
        for layer in layers {
            guard seen.insert(layer.name).inserted else { throw .duplicateLayerName(layer.name) }
        }
        guard !inputShape.isEmpty, inputShape.allSatisfy({ $0 > 0 }) else {
            throw .shapeMismatch(layer: layers.first?.name ?? "input", expected: "positive dimensions", actual: inputShape)
        }
        var shapes = [inputShape]
        var offsets: [Int] = []
        var total = 0
        for layer in layers {
            shapes.append(try layer.build(inputShape: shapes[shapes.count - 1]))
            offsets.append(total)
            total += layer.parameterCount
        }
        self.layers = layers
        self.inputShape = inputShape
        self.shapes = shapes
        self.parameterOffsets = offsets
        self.parameterCount = total
        self.pool = pool
        parameterStorage = AlignedBuffer(count: total)
        gradientStorage = AlignedBuffer(count: 0)
        trainableMask = .all
        let generator = SeededGenerator(seed: seed)
        for (index, layer) in layers.enumerated() {
            var layerGenerator = generator.split(stream: UInt64(index))
            let slice = UnsafeMutableBufferPointer(start: parameterStorage.baseAddress + offsets[index], count: layer.parameterCount)
            layer.initializeParameters(slice, generator: &layerGenerator)
        }
        try! applyMask(.all)
    }

    /// The per-sample input size.
    public var inputSize: Int { inputShape.reduce(1, *) }
    /// The per-sample output size (number of classes for a classifier).
    public var outputSize: Int { shapes[shapes.count - 1].reduce(1, *) }

    /// All parameters, one contiguous buffer. Writing through it changes the model.
    public var parameters: UnsafeMutableBufferPointer<Float> { parameterStorage.buffer }

    /// Gradients of the trainable tensors from the last training step, laid out as ``segments`` say.
    public var gradients: UnsafeMutableBufferPointer<Float> { gradientStorage.buffer }

    /// The number of trainable parameters (the size of ``gradients``).
    public var trainableParameterCount: Int { gradientStorage.count }

    /// A copy of the parameters as an array.
    public var parameterVector: [Float] { Array(parameterStorage.buffer) }

    /// Replaces every parameter, after checking the length and that all values are finite.
    ///
    /// - Throws: ``ModelError/parameterCountMismatch(expected:actual:)`` or
    ///   ``ModelError/nonFiniteParameter(layer:tensor:index:)``; on error the model is unchanged.
    public func setParameters(_ values: some Collection<Float>) throws(ModelError) {
        guard values.count == parameterCount else {
            throw .parameterCountMismatch(expected: parameterCount, actual: values.count)
        }
        var index = 0
        for value in values {
            if !value.isFinite {
                let (layer, tensor, offset) = locate(parameterIndex: index)
                throw .nonFiniteParameter(layer: layer, tensor: tensor, index: offset)
            }
            index += 1
        }
        _ = UnsafeMutableBufferPointer(start: parameterStorage.baseAddress, count: parameterCount).initialize(from: values)
    }

    /// The layer, tensor and offset within the tensor of a flat parameter index.
    public func locate(parameterIndex: Int) -> (layer: String, tensor: String, offset: Int) {
        for (l, layer) in layers.enumerated().reversed() where parameterOffsets[l] <= parameterIndex && layer.parameterCount > 0 {
            var offset = parameterIndex - parameterOffsets[l]
            for spec in layer.parameterSpecs {
                if offset < spec.count { return (layer.name, spec.name, offset) }
                offset -= spec.count
            }
        }
        return ("?", "?", parameterIndex)
    }

    /// The layer with the given name.
    public func layer(named name: String) -> (any Layer)? {
        layers.first { $0.name == name }
    }
}

/// A trainable run of the parameter buffer and where its gradient is stored.
public struct ParameterSegment: Sendable, Equatable {
    /// Offset of the run in ``Sequential/parameters``.
    public var parameterOffset: Int
    /// Offset of its gradient in ``Sequential/gradients``.
    public var gradientOffset: Int
    /// The number of scalars.
    public var count: Int
    /// The layer the run belongs to (the first, if merged runs span several).
    public var layer: String
}
