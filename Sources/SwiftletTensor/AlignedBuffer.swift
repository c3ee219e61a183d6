/// An owned, 64-byte-aligned, zero-initialised buffer of `Float`, for planned memory (parameters,
/// gradients, activations, workspace).
///
/// A class because it owns memory with a lifetime: layers hold pointers into it, so it must not move or be
/// copied. Its identity is the allocation.
public final class AlignedBuffer: @unchecked Sendable {
    /// The first element.
    public let baseAddress: UnsafeMutablePointer<Float>
    /// The number of elements.
    public let count: Int

    /// Allocates `count` zeroed floats aligned to 64 bytes (one cache line, one AVX-512 vector).
    public init(count: Int) {
        self.count = count
        let raw = UnsafeMutableRawPointer.allocate(byteCount: max(count, 1) * 4, alignment: 64)
        baseAddress = raw.bindMemory(to: Float.self, capacity: max(count, 1))
        baseAddress.initialize(repeating: 0, count: max(count, 1))
    }

    deinit { baseAddress.deallocate() }

    /// The whole buffer.
    public var buffer: UnsafeMutableBufferPointer<Float> {
        UnsafeMutableBufferPointer(start: baseAddress, count: count)
    }

    /// Size in bytes.
    public var byteCount: Int { count * MemoryLayout<Float>.size }
}
