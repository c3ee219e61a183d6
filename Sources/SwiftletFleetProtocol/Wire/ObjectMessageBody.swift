/// The bytes of an object message (an upload, a download, or Swiftlet's batch of either) as they arrive,
/// with every large `object_content` kept in an array of its own.
///
/// A transport that appends a body here chunk by chunk, instead of first joining it into one array, copies
/// each update once on its way from the socket to the store or the client: the content's bytes go straight
/// into the array ``ObjectUpload/content`` or ``ObjectDownload/content`` will hold, and the rest of the
/// message (ids, framing: a few hundred bytes) into a small buffer. Joining the body and then decoding it
/// took a model-sized allocation and copy more per message.
///
/// The result is the same as decoding the joined bytes: contents are only kept apart where the message's
/// structure up to them has been read exactly as ``ProtobufWireReader`` reads it; anything it does not expect
/// (a group, a malformed tag, a truncated field) stops the splitting, and the decoders then read the joined
/// bytes, with the same result and the same errors, naming the same byte.
public struct ObjectMessageBody: Sendable {
    /// Which message the bytes are.
    public enum Shape: Sendable, Equatable {
        /// A `flwr.proto.PushObjectRequest`.
        case upload
        /// A `swiftlet.fleet.PushObjectsRequest`.
        case uploadBatch
        /// A `flwr.proto.PullObjectResponse`.
        case download
        /// A `swiftlet.fleet.PullObjectsResponse`.
        case downloadBatch

        /// The number of the `object_content` field in one item.
        var contentField: UInt32 { self == .upload || self == .uploadBatch ? 4 : 3 }
        /// Whether the message is a batch whose field 1 holds the items.
        var isBatch: Bool { self == .uploadBatch || self == .downloadBatch }
    }

    /// A content kept apart: its bytes, and where they sit in ``framing``.
    struct Content: Sendable {
        /// The position in ``framing`` the content's bytes belong before.
        var offset: Int
        /// The content's bytes received so far.
        var bytes: [UInt8]
    }

    /// One item whose structure was read: its bytes in ``framing`` and the contents kept apart from it.
    struct ItemSpan: Sendable {
        /// Where the item's message starts in ``framing``.
        var start: Int
        /// Where it ends in ``framing``.
        var end: Int = 0
        /// For each content kept apart: where its length varint starts and ends in ``framing``.
        var lengths: [Range<Int>] = []
        /// The content kept apart that is the item's last `object_content`, if its last one is kept apart.
        var lastContent: Int?
    }

    /// The message read, or `.top` between the items of a batch.
    enum Level: Sendable {
        case top
        /// Inside an item starting at `start` in ``framing`` and ending at byte `end` of the message.
        case item(ItemSpan, end: Int)
    }

    /// The smallest content kept in its own array; smaller ones stay in the framing.
    public static let separateContentBytes = 4096
    /// How many bytes are appended to the framing before it is read again, bounding what is moved when a
    /// content turns out to start inside them.
    static let window = 4096

    /// Which message this is.
    public let shape: Shape
    /// The length the sender declared (`Content-Length`), which bounds what is reserved for a content.
    let expectedLength: Int?
    /// Every byte received that is not part of a content kept apart.
    var framing: [UInt8] = []
    /// The contents kept apart, in order.
    var contents: [Content] = []
    /// The items read so far.
    var items: [ItemSpan] = []
    /// How far ``framing`` has been read.
    var position = 0
    /// The bytes of every content kept apart, all of which come before ``position``.
    var separatedBytes = 0
    /// The message being read.
    var level: Level
    /// The content being filled, and how many of its bytes are still to come.
    var filling: (index: Int, remaining: Int)?
    /// Whether the splitting stopped, or never started for a body given whole (the decoders then read
    /// ``joined()``).
    var stopped = false

    /// The number of bytes received.
    public private(set) var count = 0

    /// An empty body that is to be a message of `shape`, of `expectedLength` bytes when the sender said.
    public init(_ shape: Shape, expectedLength: Int? = nil) {
        self.shape = shape
        self.expectedLength = expectedLength
        level = shape.isBatch ? .top : .item(ItemSpan(start: 0), end: Int.max)
    }

    /// A body received whole, as one array: not split, decoded as it is.
    public init(_ shape: Shape, bytes: [UInt8]) {
        self.shape = shape
        expectedLength = bytes.count
        stopped = true
        level = .top
        framing = bytes
        count = bytes.count
    }

    /// Appends the next bytes of the message.
    public mutating func append(_ bytes: UnsafeRawBufferPointer) {
        count += bytes.count
        var rest = bytes[...]
        while !rest.isEmpty {
            if let (index, remaining) = filling {
                let take = min(remaining, rest.count)
                contents[index].bytes.append(contentsOf: rest.prefix(take))
                rest = rest.dropFirst(take)
                filling = remaining == take ? nil : (index, remaining - take)
                // The content is complete: an item may end with it.
                if filling == nil { readFraming() }
                continue
            }
            if stopped {
                framing.append(contentsOf: rest)
                return
            }
            let take = min(Self.window, rest.count)
            framing.append(contentsOf: rest.prefix(take))
            rest = rest.dropFirst(take)
            readFraming()
        }
    }

    /// Appends the next bytes of the message.
    public mutating func append(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { append($0) }
    }

    /// The message's bytes as they arrived, in one array.
    public func joined() -> [UInt8] {
        guard !contents.isEmpty else { return framing }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(count)
        var cursor = 0
        for content in contents {
            bytes.append(contentsOf: framing[cursor..<content.offset])
            bytes.append(contentsOf: content.bytes)
            cursor = content.offset
        }
        bytes.append(contentsOf: framing[cursor...])
        return bytes
    }

    /// Reads what the framing holds; when a content kept apart starts inside the bytes just appended, moves
    /// them (and any that follow it) where they belong and reads on.
    mutating func readFraming() {
        while true {
            readStructure()
            guard let (index, remaining) = filling, framing.count > position else { return }
            let take = min(remaining, framing.count - position)
            contents[index].bytes.append(contentsOf: framing[position..<(position + take)])
            framing.removeSubrange(position..<(position + take))
            filling = remaining == take ? nil : (index, remaining - take)
            if filling != nil { return }
        }
    }
}
