import NIOCore

/// A request body given as parts, read as buffers of at most ``chunkSize`` bytes, each made only when the
/// HTTP client is ready to write it.
///
/// A node pushing a model update hands the transport the request's framing and the update's objects as they
/// are (``FleetTransport/send(_:parts:)``); copying them into the connection a chunk at a time keeps the
/// memory an upload needs to one chunk, where joining them would hold the update once more, twice with the
/// client's own copy.
struct ByteChunks: AsyncSequence, Sendable {
    typealias Element = ByteBuffer

    /// The largest buffer made: a few socket writes' worth.
    static let chunkSize = 64 * 1024

    /// The body's parts, in order.
    let parts: [[UInt8]]
    /// The largest buffer made.
    let chunkSize: Int

    /// Reads `parts` in buffers of at most `chunkSize` bytes.
    init(_ parts: [[UInt8]], chunkSize: Int = ByteChunks.chunkSize) {
        precondition(chunkSize > 0, "a chunk holds at least one byte")
        self.parts = parts
        self.chunkSize = chunkSize
    }

    func makeAsyncIterator() -> Iterator { Iterator(parts: parts, chunkSize: chunkSize) }

    /// Fills each buffer from as many parts as fit, so small parts travel together.
    struct Iterator: AsyncIteratorProtocol {
        let parts: [[UInt8]]
        let chunkSize: Int
        var part = 0
        var offset = 0

        mutating func next() async -> ByteBuffer? { nextChunk() }

        /// The next buffer, or `nil` after the last byte.
        mutating func nextChunk() -> ByteBuffer? {
            var buffer: ByteBuffer?
            while part < parts.count {
                let filled = buffer?.readableBytes ?? 0
                guard filled < chunkSize else { break }
                let bytes = parts[part]
                let take = Swift.min(chunkSize - filled, bytes.count - offset)
                if take > 0 {
                    if buffer == nil { buffer = ByteBufferAllocator().buffer(capacity: Swift.min(chunkSize, remaining)) }
                    _ = bytes.withUnsafeBytes { buffer!.writeBytes(UnsafeRawBufferPointer(rebasing: $0[offset..<(offset + take)])) }
                    offset += take
                }
                if offset == bytes.count {
                    part += 1
                    offset = 0
                }
            }
            return buffer
        }

        /// The bytes not yet read.
        private var remaining: Int {
            guard part < parts.count else { return 0 }
            return parts[part...].reduce(0) { $0 + $1.count } - offset
        }
    }
}
