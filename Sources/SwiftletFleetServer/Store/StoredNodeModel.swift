/// The model a node holds for a run's compressed downlink, as the server last saw it proved: the base of the
/// next delta the server sends that node.
public struct StoredNodeModel: Sendable, Equatable {
    /// The SHA-256 of the values' float32 little-endian bytes, in lowercase hex (`ModelDigest`).
    public var digest: String
    /// The model's values.
    public var values: [Float]

    /// Creates a record.
    public init(digest: String, values: [Float]) {
        self.digest = digest
        self.values = values
    }
}
