/// The identity of a model's values: the SHA-256 of their float32 bytes, little-endian, as 64 hex digits.
///
/// A compressed downlink names the model a delta applies to, and the model the node holds afterwards, by
/// digest: a node checks it holds the base before applying a delta, and the server stores one copy of a
/// model however many nodes hold it. Equal values (bit for bit) have equal digests; `-0` and `+0` differ,
/// as do NaNs with other payloads — the digest is of the bytes, which is what both ends reconstruct exactly.
public struct ModelDigest: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
    /// The 64 lowercase hex digits.
    public let rawValue: String

    /// Accepts exactly 64 lowercase hexadecimal digits; anything else is `nil`.
    public init?(rawValue: String) {
        guard ObjectID.isValid(rawValue) else { return nil }
        self.rawValue = rawValue
    }

    /// The digest of `values` (their in-memory float32 bytes: little-endian on every platform Swiftlet runs on).
    public init(of values: [Float]) {
        rawValue = values.withUnsafeBytes { ObjectID(of: $0).rawValue }
    }

    /// A seed for codec draws derived from the digest: its first eight bytes.
    public var seed: UInt64 {
        var value: UInt64 = 0
        for byte in rawValue.utf8.prefix(16) {
            let nibble = byte <= 0x39 ? byte - 0x30 : byte - 0x61 + 10
            value = value << 4 | UInt64(nibble)
        }
        return value
    }

    public var description: String { rawValue }
}
