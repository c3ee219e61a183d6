/// The layout of a ``CompressedCodec`` payload, version 1. Every field a decoder needs is in the bytes.
///
/// ```
/// magic      2 bytes   0x53 0x57 ("SW")
/// version    1 byte    1
/// stages     1 byte    1 (a quantizer) or 2 (a sparsifier, then a quantizer)
/// per stage  id byte + parameters:
///   0x01 f32 · 0x02 f16 · 0x03 bf16        —
///   0x04 u8          block size            varint (1…65,536)
///   0x05 qsgd        bits (1…8)            byte, then bucket size varint (1…65,536)
///   0x06 sign        block size            varint (1…65,536)
///   0x10 topk        kept count m          varint, then Rice parameter byte (0…31)
///   0x11 threshold   τ                     float32 LE (finite, ≥ 0), then m varint, Rice parameter byte
///   0x12 randk       m                     varint, then mask seed uint64 LE
/// count      varint    elements of the decoded vector (n)
/// payload    topk / threshold: m Rice-coded index gaps (``RiceIndexCoding``), zero-padded to a byte;
///            then the quantizer's payload for the m kept values (n values without a sparsifier).
/// ```
/// Varints are unsigned LEB128 and must be canonical. A decoder rejects a wrong magic, an unknown version or
/// stage, stages out of order, a parameter out of range, a count other than the receiver's, indices out of
/// range, bad scales or codes, non-zero padding, and any byte missing or left over — each with its own
/// ``CodecError``.
public enum CompressedWireFormat {
    /// The first two bytes of every payload.
    public static let magic: [UInt8] = [0x53, 0x57]
    /// The version this build writes and reads.
    public static let version: UInt8 = 1

    /// Stage ids.
    public enum Stage {
        public static let float32: UInt8 = 0x01
        public static let float16: UInt8 = 0x02
        public static let bfloat16: UInt8 = 0x03
        public static let blockwise8: UInt8 = 0x04
        public static let qsgd: UInt8 = 0x05
        public static let sign: UInt8 = 0x06
        public static let topK: UInt8 = 0x10
        public static let threshold: UInt8 = 0x11
        public static let randomK: UInt8 = 0x12
    }
}
