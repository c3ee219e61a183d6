/// A dense, row-major tensor of `Float` values with value semantics.
///
/// Storage is a Swift `Array`, so copies are cheap and copy-on-write: two tensors share their scalars until
/// one of them is mutated. Kernels work on the raw buffer through ``withUnsafeBufferPointer(_:)`` and
/// ``withUnsafeMutableBufferPointer(_:)``; nothing in the hot paths of training allocates a `Tensor`.
public struct Tensor: Sendable, Equatable {
    /// The extent of each dimension, outermost first.
    public private(set) var shape: [Int]
    /// The elements in row-major order; `scalars.count == shape.reduce(1, *)`.
    public private(set) var scalars: [Float]

    /// Creates a tensor from a shape and its row-major scalars.
    ///
    /// - Throws: ``TensorError/negativeDimension(shape:)`` or ``TensorError/scalarCountMismatch(shape:expected:actual:)``.
    public init(shape: [Int], scalars: [Float]) throws(TensorError) {
        let count = try Tensor.elementCount(of: shape)
        guard count == scalars.count else {
            throw .scalarCountMismatch(shape: shape, expected: count, actual: scalars.count)
        }
        self.shape = shape
        self.scalars = scalars
    }

    /// Creates a tensor of the given shape with every element equal to `value`.
    public init(shape: [Int], repeating value: Float = 0) throws(TensorError) {
        let count = try Tensor.elementCount(of: shape)
        self.shape = shape
        self.scalars = [Float](repeating: value, count: count)
    }

    /// Creates a tensor with elements drawn uniformly from `range` using a seeded generator.
    public init(shape: [Int], uniformIn range: ClosedRange<Float>, generator: inout SeededGenerator) throws(TensorError) {
        let count = try Tensor.elementCount(of: shape)
        self.shape = shape
        self.scalars = (0..<count).map { _ in generator.nextFloat(in: range) }
    }

    /// The number of elements.
    public var count: Int { scalars.count }
    /// The number of dimensions.
    public var rank: Int { shape.count }

    /// The element at a multi-dimensional index.
    public subscript(_ index: Int...) -> Float {
        get { scalars[flatIndex(index)] }
        set { scalars[flatIndex(index)] = newValue }
    }

    /// Returns the same scalars viewed with another shape of equal element count.
    public func reshaped(to newShape: [Int]) throws(TensorError) -> Tensor {
        try Tensor(shape: newShape, scalars: scalars)
    }

    /// Calls `body` with a read-only pointer to the scalars.
    public func withUnsafeBufferPointer<R, E: Error>(
        _ body: (UnsafeBufferPointer<Float>) throws(E) -> R
    ) throws(E) -> R {
        var result: Result<R, E>!
        scalars.withUnsafeBufferPointer { buffer in
            do throws(E) { result = .success(try body(buffer)) } catch { result = .failure(error) }
        }
        return try result.get()
    }

    /// Calls `body` with a mutable pointer to the scalars, copying them first if they are shared.
    public mutating func withUnsafeMutableBufferPointer<R, E: Error>(
        _ body: (UnsafeMutableBufferPointer<Float>) throws(E) -> R
    ) throws(E) -> R {
        var result: Result<R, E>!
        scalars.withUnsafeMutableBufferPointer { buffer in
            do throws(E) { result = .success(try body(buffer)) } catch { result = .failure(error) }
        }
        return try result.get()
    }

    /// The index of the first non-finite element (NaN or ±Inf), or `nil` if all are finite.
    public var firstNonFiniteIndex: Int? {
        scalars.firstIndex { !$0.isFinite }
    }

    private func flatIndex(_ index: [Int]) -> Int {
        precondition(index.count == shape.count, "index rank \(index.count) does not match tensor rank \(shape.count)")
        var flat = 0
        for (i, dim) in zip(index, shape) {
            precondition(i >= 0 && i < dim, "index \(index) out of bounds for shape \(shape)")
            flat = flat * dim + i
        }
        return flat
    }

    /// The number of elements of `shape`, validating that no dimension is negative or overflowing.
    public static func elementCount(of shape: [Int]) throws(TensorError) -> Int {
        var count = 1
        for dim in shape {
            guard dim >= 0 else { throw .negativeDimension(shape: shape) }
            let (product, overflow) = count.multipliedReportingOverflow(by: dim)
            guard !overflow else { throw .tooLarge(shape: shape) }
            count = product
        }
        return count
    }
}

extension Tensor: CustomStringConvertible {
    public var description: String {
        let preview = scalars.prefix(8).map { "\($0)" }.joined(separator: ", ")
        return "Tensor(shape: \(shape), [\(preview)\(count > 8 ? ", …" : "")])"
    }
}
