/// The codecs a server accepts, by identifier.
///
/// A result whose payload names a codec that is not registered is rejected with
/// ``RejectionReason/unknownEncoding(_:)`` — the server never guesses at bytes.
public struct CodecRegistry: Sendable {
    private var codecs: [String: any Codec]

    /// A registry holding `codecs`.
    public init(_ codecs: [any Codec]) {
        self.codecs = Dictionary(codecs.map { ($0.identifier, $0) }, uniquingKeysWith: { _, last in last })
    }

    /// The codecs every Swiftlet server understands: `f32le` and every ``CompressedCodec`` pipeline (`swc`).
    public static var standard: CodecRegistry { CodecRegistry([Float32Codec(), CompressedCodec(unchecked: .float32)]) }

    /// The codec a specification names: `f32le` for ``Float32Codec``, anything else a ``CompressedCodec``
    /// specification such as `topk:0.01+u8` (see ``CompressedCodec/init(specification:)``).
    ///
    /// - Throws: the specification's ``CodecError``.
    public static func codec(specification: String) throws(CodecError) -> any Codec {
        if specification == Float32Codec().identifier { return Float32Codec() }
        return try CompressedCodec(specification: specification)
    }

    /// Adds or replaces a codec.
    public mutating func register(_ codec: any Codec) {
        codecs[codec.identifier] = codec
    }

    /// The codec named `identifier`.
    public func codec(named identifier: String) -> (any Codec)? { codecs[identifier] }

    /// The registered identifiers, sorted.
    public var identifiers: [String] { codecs.keys.sorted() }

    /// Decodes `payload` into `count` floats.
    ///
    /// - Throws: ``CodecError/unknownCodec(_:)`` or the codec's own error.
    public func decode(_ payload: EncodedArrays, count: Int) throws(CodecError) -> [Float] {
        guard let codec = codecs[payload.codec] else { throw .unknownCodec(payload.codec) }
        return try codec.decode(payload.bytes, count: count)
    }
}
