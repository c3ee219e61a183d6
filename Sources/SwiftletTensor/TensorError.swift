/// Errors raised when a tensor is built or reshaped with inconsistent dimensions.
public enum TensorError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A dimension of `shape` is negative.
    case negativeDimension(shape: [Int])
    /// The product of the dimensions of `shape` overflows `Int`.
    case tooLarge(shape: [Int])
    /// `shape` describes `expected` elements but `actual` were supplied.
    case scalarCountMismatch(shape: [Int], expected: Int, actual: Int)

    public var description: String {
        switch self {
        case .negativeDimension(let shape):
            return "shape \(shape) has a negative dimension"
        case .tooLarge(let shape):
            return "shape \(shape) has more elements than fit in memory"
        case .scalarCountMismatch(let shape, let expected, let actual):
            return "shape \(shape) needs \(expected) scalars but \(actual) were given"
        }
    }
}
