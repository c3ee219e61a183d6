/// One named tensor of a safetensors file, its values converted to `Float`.
public struct SafetensorsTensor: Sendable, Equatable {
    /// The tensor's key in the file (`fc1.weight` for Swiftlet models).
    public var name: String
    /// The element type stored in the file (F32 when Swiftlet writes it).
    public var dtype: SafetensorsDType
    /// The shape, outermost first.
    public var shape: [Int]
    /// The row-major values, converted to `Float`.
    public var scalars: [Float]

    /// Creates a tensor; `scalars.count` must equal the product of `shape`.
    public init(name: String, dtype: SafetensorsDType = .f32, shape: [Int], scalars: [Float]) {
        precondition(shape.reduce(1, *) == scalars.count,
                     "tensor '\(name)': shape \(shape) needs \(shape.reduce(1, *)) values, got \(scalars.count)")
        self.name = name
        self.dtype = dtype
        self.shape = shape
        self.scalars = scalars
    }
}
