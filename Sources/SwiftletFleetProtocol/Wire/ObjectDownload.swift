/// The server's answer to a pull of one object: Flower's `PullObjectResponse`, with its bytes as `[UInt8]`.
///
/// Servers encode and nodes decode answers through this type (``serialized()``, ``init(serializedBytes:)`` and
/// the batch forms for Swiftlet's `PullObjects`) rather than the generated `Flwr_Proto_PullObjectResponse`, so
/// a model is copied once between the object cache and the wire, and once between the wire and the node's
/// objects. The bytes on the wire are the same either way.
public struct ObjectDownload: Sendable, Equatable {
    /// Whether the server knows the object (`object_found`, field 1).
    public var found: Bool
    /// Whether its bytes have arrived (`object_available`, field 2).
    public var available: Bool
    /// The object's bytes when available (`object_content`, field 3).
    public var content: [UInt8]

    /// Creates an answer.
    public init(found: Bool = false, available: Bool = false, content: [UInt8] = []) {
        self.found = found
        self.available = available
        self.content = content
    }
}

extension ObjectDownload: ProtobufWireItem {
    /// The answer as a `flwr.proto.PullObjectResponse`.
    public func serialized() -> [UInt8] {
        wireBytes()
    }

    /// Decodes a `flwr.proto.PullObjectResponse`.
    /// - Throws: ``ProtobufWireError`` for bytes that are not one.
    public init(serializedBytes bytes: [UInt8]) throws(ProtobufWireError) {
        self = try Self.read(bytes, range: bytes.indices)
    }

    /// Decodes a `flwr.proto.PullObjectResponse` received into `body` (``ObjectMessageBody/Shape/download``),
    /// taking its content's array rather than copying it.
    /// - Throws: ``ProtobufWireError`` for bytes that are not one, as ``init(serializedBytes:)`` does.
    public init(body: ObjectMessageBody) throws(ProtobufWireError) {
        self = try body.decode(Self.self, as: .download)[0]
    }

    /// A batch of answers as a `swiftlet.fleet.PullObjectsResponse`.
    public static func serializedBatch(_ downloads: [ObjectDownload]) -> [UInt8] {
        wireBatch(downloads)
    }

    /// Decodes a `swiftlet.fleet.PullObjectsResponse` into its answers, in order.
    /// - Throws: ``ProtobufWireError`` for bytes that are not one.
    public static func batch(serializedBytes bytes: [UInt8]) throws(ProtobufWireError) -> [ObjectDownload] {
        try readBatch(bytes)
    }

    /// Decodes a `swiftlet.fleet.PullObjectsResponse` received into `body`
    /// (``ObjectMessageBody/Shape/downloadBatch``), taking each content's array rather than copying it.
    /// - Throws: ``ProtobufWireError`` for bytes that are not one, as ``batch(serializedBytes:)`` does.
    public static func batch(body: ObjectMessageBody) throws(ProtobufWireError) -> [ObjectDownload] {
        try body.decode(Self.self, as: .downloadBatch)
    }

    /// The size of the answer's message.
    var serializedSize: Int {
        (found ? 2 : 0) + (available ? 2 : 0)
            + (content.isEmpty ? 0 : ProtobufWireWriter.lengthDelimitedSize(3, length: content.count))
    }

    /// Writes the answer's fields.
    func write(to writer: inout ProtobufWireWriter) {
        writer.bool(1, found)
        writer.bool(2, available)
        writer.bytes(3, content)
    }

    /// Reads the answer in `range` of `bytes`, copying its content once, from the last `object_content`.
    static func read(_ bytes: [UInt8], range: Range<Int>) throws(ProtobufWireError) -> ObjectDownload {
        var reader = ProtobufWireReader(bytes, range: range)
        var download = ObjectDownload()
        var content: Range<Int>?
        while let tag = try reader.tag() {
            switch (tag.number, tag.wireType) {
            case (1, .varint): download.found = try reader.varint() != 0
            case (2, .varint): download.available = try reader.varint() != 0
            case (3, .lengthDelimited): content = try reader.lengthDelimited()
            default: try reader.skip(tag)
            }
        }
        if let content { download.content = Array(bytes[content]) }
        return download
    }
}
