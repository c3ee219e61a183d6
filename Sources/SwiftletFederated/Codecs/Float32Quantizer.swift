/// Values as little-endian float32 (`f32`, 4 bytes, exact): the value stage of a sparsifier that should not
/// round what it keeps.
enum Float32Quantizer {
    static func payloadSize(count: Int) -> Int { count * 4 }

    static func encode(_ values: UnsafeBufferPointer<Float>, into out: UnsafeMutableRawBufferPointer) {
        for i in 0..<values.count {
            out.storeBytes(of: values[i].bitPattern.littleEndian, toByteOffset: 4 * i, as: UInt32.self)
        }
    }

    static func decode(_ payload: UnsafeRawBufferPointer, count: Int, into out: UnsafeMutablePointer<Float>) {
        for i in 0..<count {
            out[i] = Float(bitPattern: UInt32(littleEndian: payload.loadUnaligned(fromByteOffset: 4 * i, as: UInt32.self)))
        }
    }
}
