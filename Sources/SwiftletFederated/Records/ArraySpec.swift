/// The name and shape of one array in an ``ArrayRecord``.
///
/// Names follow the model's parameter tensors (`layer.tensor`, such as `conv1.weight`); shapes follow
/// PyTorch's layouts, so a record maps one-to-one onto a PyTorch `state_dict` or Flower's list of arrays.
public struct ArraySpec: Sendable, Hashable, Codable {
    /// The array's name, unique within its record.
    public var name: String
    /// The array's shape; the empty shape is a scalar.
    public var shape: [Int]

    /// Creates a spec.
    public init(name: String, shape: [Int]) {
        self.name = name
        self.shape = shape
    }

    /// The number of scalars.
    public var count: Int { shape.reduce(1, *) }
}
