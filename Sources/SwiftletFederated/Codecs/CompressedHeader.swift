/// The header of a ``CompressedCodec`` payload as read, before the payload itself.
public struct CompressedHeader: Sendable, Equatable {
    /// What the sparsifier stage says about the kept positions.
    public enum Kept: Sendable, Equatable {
        /// Every position (no sparsifier).
        case all
        /// `count` Rice-coded positions chosen by top-k.
        case topK(count: Int, riceParameter: Int)
        /// `count` Rice-coded positions with magnitude at least `threshold`.
        case threshold(Float, count: Int, riceParameter: Int)
        /// `count` random positions regenerated from `seed`.
        case randomK(count: Int, seed: UInt64)

        /// Values in the payload, given `elements` in the vector.
        func count(of elements: Int) -> Int {
            switch self {
            case .all: elements
            case .topK(let count, _), .threshold(_, let count, _), .randomK(let count, _): count
            }
        }
    }

    /// The format version.
    public var version: Int
    /// The sparsifier stage.
    public var kept: Kept
    /// The value stage.
    public var quantizer: ValueQuantizer
    /// Elements of the decoded vector.
    public var count: Int
    /// Bytes the header takes; the payload starts here.
    public var length: Int
}
