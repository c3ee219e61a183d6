/// Model arrays in a codec's wire form, as a client sends them when it compresses its update.
///
/// The core decodes them through a ``CodecRegistry`` before validation; an unknown codec or bytes the codec
/// rejects make the result rejected, never aggregated.
public struct EncodedArrays: Sendable, Equatable {
    /// The codec's identifier (see ``Codec/identifier``).
    public var codec: String
    /// The encoded bytes.
    public var bytes: [UInt8]
    /// Whether the decoded values are a delta against the parameters the client received (true) or the
    /// parameters themselves (false).
    public var isDelta: Bool

    /// Creates an encoded payload.
    public init(codec: String, bytes: [UInt8], isDelta: Bool) {
        self.codec = codec
        self.bytes = bytes
        self.isDelta = isDelta
    }
}

/// The parameters a client returns: plain arrays, or arrays in a codec's wire form.
public enum UpdatePayload: Sendable, Equatable {
    /// Plain float32 arrays: the client's model after local training.
    case arrays(ArrayRecord)
    /// Encoded arrays, decoded by the server's ``CodecRegistry``.
    case encoded(EncodedArrays)
}
