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
    /// Encodes `values`, drawing whatever a stochastic codec draws (rounding, a random mask) from `seed`:
    /// the same values and seed give the same bytes. Deterministic codecs ignore the seed.
    func encode(_ values: UnsafeBufferPointer<Float>, seed: UInt64) -> [UInt8]
    /// Decodes bytes into exactly `count` floats.
    func decode(_ bytes: [UInt8], count: Int) throws(CodecError) -> [Float]
}

extension Codec {
    /// Deterministic codecs encode the same bytes whatever the seed.
    public func encode(_ values: UnsafeBufferPointer<Float>, seed: UInt64) -> [UInt8] { encode(values) }
}
