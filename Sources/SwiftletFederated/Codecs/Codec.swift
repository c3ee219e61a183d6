/// Turns a flat float32 vector into bytes for the wire and back: the seam compression plugs into.
///
/// Codecs are value types with no per-call state; whatever a codec needs to decode (scales, indices, a
/// random-mask seed) travels in its bytes. Decoding is total: any byte string either yields exactly `count`
/// finite-or-not floats or throws a ``CodecError`` — it never traps, and never reads out of bounds.
public protocol Codec: Sendable {
    /// A stable name written beside the bytes, such as `f32le`.
    var identifier: String { get }
    /// Encodes `values`.
    func encode(_ values: UnsafeBufferPointer<Float>) -> [UInt8]
    /// Decodes bytes into exactly `count` floats.
    func decode(_ bytes: [UInt8], count: Int) throws(CodecError) -> [Float]
}

/// Why bytes could not be decoded.
public enum CodecError: Error, Equatable, Sendable, CustomStringConvertible {
    /// No codec with this identifier is registered.
    case unknownCodec(String)
    /// The bytes are shorter or longer than the header or the element count requires.
    case lengthMismatch(codec: String, expected: Int, actual: Int)
    /// The bytes are structurally wrong (bad header, index out of range, …).
    case malformed(codec: String, reason: String)

    public var description: String {
        switch self {
        case .unknownCodec(let name): "unknown encoding '\(name)'"
        case let .lengthMismatch(codec, expected, actual): "\(codec): expected \(expected) bytes, got \(actual)"
        case let .malformed(codec, reason): "\(codec): \(reason)"
        }
    }
}
