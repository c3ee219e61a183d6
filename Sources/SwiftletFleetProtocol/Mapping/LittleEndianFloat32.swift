/// float32 values as little-endian bytes, the layout of the `swiftlet.f32le` and `swiftlet.packed` encodings:
/// one copy on little-endian machines (every platform Swift targets today), byte swaps otherwise.
///
/// Neither direction zeroes its output first: these are update-sized buffers, and zeroing one is a second pass
/// over memory that, in a server's or node's first round, is also freshly mapped.
enum LittleEndianFloat32 {
    /// Writes `values` into `out`, which holds exactly `values.count × 4` bytes.
    static func write(_ values: ArraySlice<Float>, into out: UnsafeMutableRawBufferPointer) {
        precondition(out.count == values.count * 4, "LittleEndianFloat32.write: \(out.count) bytes for \(values.count) values")
        values.withUnsafeBytes { out.copyMemory(from: $0) }
        if UInt32(1).littleEndian != 1 {
            for i in 0..<values.count {
                out.storeBytes(of: values[values.startIndex + i].bitPattern.littleEndian, toByteOffset: i * 4, as: UInt32.self)
            }
        }
    }

    /// The `bytes.count / 4` values in `bytes`, whose count must be a multiple of 4.
    static func read(_ bytes: ArraySlice<UInt8>) -> [Float] {
        precondition(bytes.count % 4 == 0, "LittleEndianFloat32.read: \(bytes.count) bytes are not whole float32 values")
        let count = bytes.count / 4
        var values = [Float](unsafeUninitializedCapacity: count) { buffer, initialized in
            bytes.withUnsafeBytes { UnsafeMutableRawBufferPointer(buffer).copyMemory(from: $0) }
            initialized = count
        }
        if UInt32(1).littleEndian != 1 {
            for i in 0..<count { values[i] = Float(bitPattern: UInt32(littleEndian: values[i].bitPattern)) }
        }
        return values
    }
}
