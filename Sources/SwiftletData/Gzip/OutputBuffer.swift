/// A growable byte buffer for decompressed data, with slack past the end for over-long match copies.
///
/// The decoder copies back-references eight bytes at a time and may write up to ``slack`` bytes past the
/// logical end; ``reserve(_:)`` keeps that room available. Growth stops at `limit` so a malicious stream
/// (a "zip bomb") fails with ``GzipError/Reason/outputTooLarge(limit:)`` instead of exhausting memory.
final class OutputBuffer {
    /// Room beyond a maximal match (258 bytes) that an 8-byte-wide copy may overwrite.
    static let slack = 258 + 8

    private(set) var base: UnsafeMutablePointer<UInt8>
    private(set) var capacity: Int
    /// The number of valid bytes.
    var count = 0
    /// The most bytes the buffer may hold.
    let limit: Int

    /// Creates a buffer expecting about `expected` bytes, never holding more than `limit`.
    init(expected: Int, limit: Int) {
        self.limit = limit
        capacity = min(max(expected, 1 << 12), limit) + Self.slack
        base = .allocate(capacity: capacity)
    }

    deinit { base.deallocate() }

    /// Ensures `extra` bytes can be written after ``count``, growing geometrically.
    func reserve(_ extra: Int) throws(GzipError) {
        guard count + extra > capacity else { return }
        guard count <= limit else { throw GzipError(.outputTooLarge(limit: limit)) }
        let newCapacity = min(max(capacity * 2, count + extra), limit + extra)
        let newBase = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        newBase.update(from: base, count: count)
        base.deallocate()
        base = newBase
        capacity = newCapacity
    }

    /// Fails if more than ``limit`` bytes have been written.
    func checkLimit() throws(GzipError) {
        guard count <= limit else { throw GzipError(.outputTooLarge(limit: limit)) }
    }

    /// The valid bytes in `range`.
    func bytes(_ range: Range<Int>) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: base + range.lowerBound, count: range.count)
    }

    /// A copy of the valid bytes as an array.
    func toArray() -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            if count > 0 { buffer.baseAddress!.update(from: base, count: count) }
            initialized = count
        }
    }
}
