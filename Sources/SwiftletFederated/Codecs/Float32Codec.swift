/// Plain little-endian IEEE 754 float32: four bytes per value, no header.
///
/// The identity codec, and the layout of a float32 `.npy` body or a safetensors `F32` tensor.
public struct Float32Codec: Codec {
    /// `f32le`.
    public let identifier = "f32le"

    /// Creates the codec.
    public init() {}

    public func encode(_ values: UnsafeBufferPointer<Float>) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: values.count * 4)
        bytes.withUnsafeMutableBytes { raw in
            for (i, value) in values.enumerated() {
                raw.storeBytes(of: value.bitPattern.littleEndian, toByteOffset: i * 4, as: UInt32.self)
            }
        }
        return bytes
    }

    public func decode(_ bytes: [UInt8], count: Int) throws(CodecError) -> [Float] {
        // An impossible count is reported as such, not as a byte length no payload could have.
        guard count >= 0 else { throw .malformed(codec: identifier, reason: "element count \(count) is negative") }
        let (expected, overflow) = count.multipliedReportingOverflow(by: 4)
        guard !overflow else {
            throw .malformed(codec: identifier, reason: "element count \(count) needs more than \(Int.max) bytes")
        }
        guard bytes.count == expected else {
            throw .lengthMismatch(codec: identifier, expected: expected, actual: bytes.count)
        }
        return bytes.withUnsafeBytes { raw in
            (0..<count).map { Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * 4, as: UInt32.self))) }
        }
    }
}
